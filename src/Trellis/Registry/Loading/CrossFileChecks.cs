using Trellis.Diagnostics;

namespace Trellis.Registry.Loading;

/// <summary>The checks across agreement files: ids unique and equal to their folders, year suffixes used consistently.</summary>
internal static class CrossFileChecks
{
    public static void AgreementSet(List<Agreement> agreements, List<Diagnostic> diagnostics)
    {
        foreach (var group in agreements.GroupBy(a => a.Id, StringComparer.Ordinal))
        {
            // The copy in the folder of the same name is the original; any other is the duplicate.
            var original = group.FirstOrDefault(a => FolderName(a) == a.Id) ?? group.First();
            foreach (var other in group.Where(a => !ReferenceEquals(a, original)))
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.DuplicateId,
                    $"the id '{other.Id}' is already used at {original.File}:{original.IdLine}: give each agreement its own id, equal to its folder name ('{FolderName(other)}')",
                    other.File, other.IdLine));
            }

            if (FolderName(original) != original.Id)
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.IdFolderMismatch,
                    $"the id '{original.Id}' differs from its folder name '{FolderName(original)}': rename the folder or the id so they match",
                    original.File, original.IdLine));
            }
        }

        // A -YYYY suffix is for two agreements of one type between the same pair; then every one of them carries it.
        // (A counterpart signed the same year takes a word instead: see below.)
        var bilateral = agreements.Where(a => a.Parties.Count == 2)
            .GroupBy(a => a.Id, StringComparer.Ordinal).Select(g => g.First()).ToArray();
        foreach (var group in bilateral.GroupBy(a => BaseId(a), StringComparer.Ordinal))
        {
            // A word-suffixed id (phl-usa-vfa-counterpart) names a second agreement signed in the same year as the first:
            // it does not make the first take a year.
            var members = group.Where(a => !(a.Id.StartsWith(group.Key + "-", StringComparison.Ordinal) &&
                                             RegistryFields.WordSuffixPattern().IsMatch(a.Id[(group.Key.Length + 1)..]))).ToArray();
            if (members.Length == 0)
            {
                continue;
            }

            var suffixed = members.Where(a => a.Id != group.Key).ToArray();
            if (members.Length == 1 && suffixed.Length == 1)
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.IdConvention,
                    $"the id '{members[0].Id}' has a year suffix but it is the only {members[0].Type.ToName()} agreement between its parties: use '{group.Key}'",
                    members[0].File, members[0].IdLine));
            }
            else if (members.Length > 1 && suffixed.Length < members.Length)
            {
                var plain = members.First(a => a.Id == group.Key);
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.IdConvention,
                    $"there are {members.Length} {plain.Type.ToName()} agreements between {string.Join(" and ", plain.Parties)}: give each a -YYYY suffix (year of signature), e.g. '{group.Key}-{(plain.Signed ?? plain.NegotiatingSince)?.Year}'",
                    plain.File, plain.IdLine));
            }
        }
    }

    private static string FolderName(Agreement a) => Path.GetFileName(Path.TrimEndingDirectorySeparator(a.Folder ?? ""));

    private static string BaseId(Agreement a) =>
        string.Join('-', a.Parties.Select(p => p.ToLowerInvariant()).Order(StringComparer.Ordinal)) + "-" + a.Type.ToName();
}
