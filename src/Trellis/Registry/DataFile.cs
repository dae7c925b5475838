using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using Trellis.Diagnostics;

namespace Trellis.Registry;

/// <summary>What is at a path, following symbolic links.</summary>
public enum PathKind
{
    /// <summary>Nothing (or a dangling link).</summary>
    Missing,

    /// <summary>A regular file: the only kind a data file may be.</summary>
    File,

    /// <summary>A folder.</summary>
    Folder,

    /// <summary>Something else: a named pipe (FIFO), a device such as <c>/dev/zero</c>, a socket.</summary>
    Other,
}

/// <summary>
/// The one place the core reads a user's file (registry data, rules, parameters, holidays, state
/// points, worked examples, plans, datasets). A file is read only when it is a regular file (after
/// following links) no larger than a limit, and only when it is valid UTF-8; otherwise the caller
/// gets a coded diagnostic naming the file (and, for bad bytes, the line) and no text. A named pipe
/// would otherwise block the reader forever and a link to <c>/dev/zero</c> would exhaust memory.
/// </summary>
public static class DataFile
{
    /// <summary>Largest data file read: 16 MiB. The bundled data files are a few hundred KB at most.</summary>
    public const long MaxBytes = 16L << 20;

    /// <summary>Largest dataset file read by the network importers (ATOP, COW, DCAD, CSV): 512 MiB.</summary>
    public const long MaxDatasetBytes = 512L << 20;

    /// <summary>What is at <paramref name="path"/>, following links; never throws.</summary>
    public static PathKind KindOf(string path)
    {
        try
        {
            if (!OperatingSystem.IsWindows() && UnixMode(path) is { } mode)
            {
                return mode < 0 ? PathKind.Missing : (mode & 0xF000) switch
                {
                    0x8000 => PathKind.File,
                    0x4000 => PathKind.Folder,
                    _ => PathKind.Other,
                };
            }

            if (Directory.Exists(path))
            {
                return PathKind.Folder;
            }

            if (!System.IO.File.Exists(path))
            {
                return PathKind.Missing;
            }

            return (System.IO.File.GetAttributes(path) & FileAttributes.Device) != 0 ? PathKind.Other : PathKind.File;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return PathKind.Missing;
        }
    }

    /// <summary>True when something (a file, a folder, anything) is at <paramref name="path"/>.</summary>
    public static bool Exists(string path) => KindOf(path) != PathKind.Missing;

    /// <summary>
    /// Reads <paramref name="path"/> as UTF-8 text (a leading byte-order mark is dropped). Returns null
    /// after adding one diagnostic when the path is missing (TRL005), is a folder or not a regular
    /// file (TRL008), is larger than <paramref name="maxBytes"/> (TRL009), cannot be read (TRL005)
    /// or is not valid UTF-8 (TRL007, with the line of the first bad byte).
    /// </summary>
    public static string? ReadText(string path, string displayPath, ICollection<Diagnostic> diagnostics, long maxBytes = MaxBytes) =>
        ReadText(path, displayPath, diagnostics, maxBytes, howToRaise: null);

    /// <summary>
    /// <see cref="ReadText(string, string, ICollection{Diagnostic}, long)"/>, with <paramref name="howToRaise"/> (how to raise
    /// the limit, e.g. a command-line option) said in the TRL009 message instead of "split the data". The file is read into
    /// one buffer of its size and decoded into the string directly: the peak is the file's bytes and its text, no more.
    /// </summary>
    public static string? ReadText(string path, string displayPath, ICollection<Diagnostic> diagnostics, long maxBytes, string? howToRaise) =>
        ReadBytes(path, displayPath, diagnostics, maxBytes, howToRaise) is { } bytes ? Decode(bytes.Span, displayPath, diagnostics) : null;

    /// <summary>
    /// The bytes of <paramref name="path"/>, with the same checks as <see cref="ReadText(string, string, ICollection{Diagnostic}, long, string?)"/>
    /// but no decoding: for a dataset whose encoding the caller decides (the MME exercise file, Latin-1 as distributed).
    /// </summary>
    public static ReadOnlyMemory<byte>? ReadBytes(string path, string displayPath, ICollection<Diagnostic> diagnostics, long maxBytes, string? howToRaise = null)
    {
        switch (KindOf(path))
        {
            case PathKind.Missing:
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.MissingFile, "the file does not exist: check the path", displayPath));
                return null;
            case PathKind.Folder:
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.NotARegularFile,
                    "this is a folder where a file is expected: rename or remove the folder and put the file there", displayPath));
                return null;
            case PathKind.Other:
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.NotARegularFile,
                    "this is not a regular file (a named pipe, a device or a socket, or a link to one): data files must be ordinary files; replace it with one", displayPath));
                return null;
        }

        byte[] bytes;
        int length;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
            if (stream.Length > maxBytes)
            {
                diagnostics.Add(TooLarge(stream.Length, maxBytes, displayPath, howToRaise));
                return null;
            }

            // Read at most one byte past the limit, whatever the length said: the file may be growing.
            bytes = new byte[Math.Min(stream.Length, maxBytes) + 1];
            length = 0;
            int read;
            while ((read = stream.Read(bytes, length, bytes.Length - length)) > 0)
            {
                length += read;
                if (length > maxBytes)
                {
                    diagnostics.Add(TooLarge(length, maxBytes, displayPath, howToRaise));
                    return null;
                }

                if (length == bytes.Length)
                {
                    Array.Resize(ref bytes, (int)Math.Min(maxBytes + 1, (long)bytes.Length * 2)); // it grew since its length was read
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.MissingFile, $"cannot read the file: {ex.Message}", displayPath));
            return null;
        }

        return bytes.AsMemory(0, length);
    }

    /// <summary>
    /// Decodes <paramref name="bytes"/> as strict UTF-8 (a leading byte-order mark dropped); null after
    /// a TRL007 diagnostic at the line of the first invalid byte.
    /// </summary>
    public static string? Decode(ReadOnlySpan<byte> bytes, string displayPath, ICollection<Diagnostic> diagnostics)
    {
        var body = bytes.StartsWith("\uFEFF"u8) ? bytes[3..] : bytes;
        if (System.Text.Unicode.Utf8.IsValid(body))
        {
            return Encoding.UTF8.GetString(body);
        }

        // Find the first invalid byte, a chunk at a time.
        var chars = ArrayPool<char>.Shared.Rent(4096);
        var bytesRead = 0;
        try
        {
            while (System.Text.Unicode.Utf8.ToUtf16(body[bytesRead..], chars, out var read, out _, replaceInvalidSequences: false, isFinalBlock: true) == OperationStatus.DestinationTooSmall)
            {
                bytesRead += read;
            }

            System.Text.Unicode.Utf8.ToUtf16(body[bytesRead..], chars, out var last, out _, replaceInvalidSequences: false, isFinalBlock: true);
            bytesRead += last;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }

        var line = body[..bytesRead].Count((byte)'\n') + 1;
        var column = bytesRead - (body[..bytesRead].LastIndexOf((byte)'\n') + 1) + 1;
        diagnostics.Add(Diagnostic.Error(DiagnosticCodes.NotUtf8,
            $"byte 0x{body[bytesRead]:X2} at column {column} is not UTF-8: data files are UTF-8 text; re-save the file as UTF-8 (it may be Latin-1 or Windows-1252)",
            displayPath, line));
        return null;
    }

    private static Diagnostic TooLarge(long length, long maxBytes, string displayPath, string? howToRaise) =>
        Diagnostic.Error(DiagnosticCodes.FileTooLarge,
            $"the file is larger than the limit of {Size(maxBytes)} ({(length > maxBytes ? "at least " : "")}{length:N0} bytes): " +
            (howToRaise ?? "a data file this large is not a Trellis file; check the path, or split the data"),
            displayPath);

    private static string Size(long bytes) => bytes >= 1 << 20 && bytes % (1 << 20) == 0 ? $"{bytes >> 20} MiB" : $"{bytes:N0} bytes";

    /// <summary>
    /// The file mode (type bits included) of <paramref name="path"/> after following links; -1 when nothing is
    /// there (or a link dangles); null when the runtime's <c>stat</c> cannot be called.
    /// </summary>
    private static int? UnixMode(string path)
    {
        try
        {
            var utf8 = Encoding.UTF8.GetBytes(path + "\0");
            return NativeMethods.Stat(utf8, out var status) == 0 ? status.Mode : -1;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    /// <summary>
    /// The runtime's own <c>stat</c> (System.Native, shipped with every .NET on Linux and macOS): its
    /// <c>FileStatus</c> puts the mode, with the POSIX type bits normalised, second. .NET has no managed way
    /// to tell a named pipe or a device from a file (both report <see cref="FileAttributes.Normal"/>).
    /// </summary>
    private static class NativeMethods
    {
        [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat", SetLastError = false)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int Stat(byte[] path, out FileStatus status);
    }

    /// <summary>System.Native's <c>FileStatus</c>, with room to spare at the end.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct FileStatus
    {
        public int Flags;
        public int Mode;
        public uint Uid;
        public uint Gid;
        public long Size;

        [MarshalAs(UnmanagedType.ByValArray, SizeConst = 32)]
        public long[] Rest;
    }
}
