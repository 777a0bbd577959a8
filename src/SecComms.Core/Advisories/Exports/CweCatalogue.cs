namespace SecComms.Core.Advisories.Exports;

/// <summary>The names of the common weaknesses, from MITRE's CWE list, shipped with the product.</summary>
/// <remarks>
/// CSAF's mandatory tests check a weakness's name against the CWE catalogue, so a CSAF document can only carry a CWE
/// whose exact name is known. The list holds the weaknesses advisories usually cite (the CWE Top 25 and their
/// neighbours); an id outside it is still exported, as a note, and in OSV and CVE records, which need no name.
/// </remarks>
public static class CweCatalogue
{
    private static readonly Lazy<IReadOnlyDictionary<string, string>> Names = new(Load);

    /// <summary>The weakness's name, such as "Improper Input Validation" for <c>CWE-20</c>, when the catalogue has it.</summary>
    public static string? NameOf(string cweId) => Names.Value.GetValueOrDefault(cweId);

    public static int Count => Names.Value.Count;

    private static Dictionary<string, string> Load()
    {
        using var stream = typeof(CweCatalogue).Assembly.GetManifestResourceStream("SecComms.Core.Advisories.Exports.cwe-names.tsv")
            ?? throw new InvalidOperationException("The CWE catalogue is missing from the assembly.");
        using var reader = new StreamReader(stream);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (tab > 0)
            {
                names[line[..tab]] = line[(tab + 1)..];
            }
        }
        return names;
    }
}
