using System.Text.Json.Nodes;

namespace SecComms.Core.Advisories.Exports;

/// <summary>How a credit reads in each format, by its kind.</summary>
/// <remarks>
/// A HackerOne researcher and an internal team found the flaw (finder); a customer told us about it (reporter). A
/// HackerOne handle links to the researcher's profile, which is how researchers are credited on the platform.
/// </remarks>
internal static class CreditRoles
{
    public static string Sentence(AdvisoryCredit credit) => credit.Kind switch
    {
        "hackerone" => $"{credit.Name} reported this vulnerability through the HackerOne bug bounty program.",
        "customer" => $"{credit.Name} reported this vulnerability.",
        "internal" => $"{credit.Name} found this vulnerability.",
        _ => $"Thanks to {credit.Name}.",
    };

    public static string OsvType(AdvisoryCredit credit) => credit.Kind switch
    {
        "hackerone" or "internal" => "FINDER",
        "customer" => "REPORTER",
        _ => "OTHER",
    };

    public static string CveType(AdvisoryCredit credit) => credit.Kind switch
    {
        "hackerone" or "internal" => "finder",
        "customer" => "reporter",
        _ => "other",
    };

    public static Uri? Profile(AdvisoryCredit credit) =>
        credit.Kind == "hackerone" ? new Uri("https://hackerone.com/" + Uri.EscapeDataString(credit.Name.TrimStart('@'))) : null;

    /// <summary>A CSAF acknowledgment: who, what for, and where to find them.</summary>
    public static JsonObject Acknowledgment(AdvisoryCredit credit, string vendor)
    {
        var acknowledgment = new JsonObject
        {
            ["names"] = ExportJson.Strings([credit.Name]),
            ["summary"] = Sentence(credit),
        };
        if (credit.Kind == "internal")
        {
            acknowledgment["organization"] = vendor;
        }
        if (Profile(credit) is { } profile)
        {
            acknowledgment["urls"] = ExportJson.Strings([profile.AbsoluteUri]);
        }
        return acknowledgment;
    }
}
