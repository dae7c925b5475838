using System.Security.Cryptography;
using System.Text;

namespace Trellis.Registry;

/// <summary>
/// A fingerprint of a registry's data folder: SHA-256 over every regular file's relative path
/// (with <c>/</c>) and bytes, in ordinal path order. A case frozen with one hash knows the registry
/// changed when the hash of the loaded registry differs.
/// </summary>
public static class ContentHash
{
    public static string Of(string dataDirectory)
    {
        var root = Path.GetFullPath(dataDirectory);
        var files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => (Full: f, Relative: Path.GetRelativePath(root, f).Replace('\\', '/')))
            .Where(f => !f.Relative.Split('/').Any(part => part.StartsWith('.')))
            .OrderBy(f => f.Relative, StringComparer.Ordinal);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (full, relative) in files)
        {
            if ((File.GetAttributes(full) & (FileAttributes.ReparsePoint | FileAttributes.Device)) != 0)
            {
                continue;
            }

            sha.AppendData(Encoding.UTF8.GetBytes(relative + "\0"));
            sha.AppendData(File.ReadAllBytes(full));
            sha.AppendData("\0"u8);
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
