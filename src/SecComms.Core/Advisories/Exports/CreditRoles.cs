using System.Text.Json.Nodes;

namespace SecComms.Core.Advisories.Exports;

/// <summary>How a credit reads in each format, by its kind.</summary>
/// <remarks>
/// A HackerOne researcher and an internal team found the flaw (finder); a customer told us about it (reporter). A
/// HackerOne handle links to the researcher's profile, which is how researchers are credited on the platform. An
/// anonymous credit names no one: it says who reported the flaw ("an anonymous customer") and nothing more.
/// </remarks>
internal static class CreditRoles
{
    public static bool IsAnonymous(AdvisoryCredit credit) => credit.Kind is "anonymous-customer" or "anonymous-researcher";

    /// <summary>Who is credited, as a name: the credit's own, or "Anonymous customer".</summary>
    public static string Name(AdvisoryCredit credit) => credit.Kind switch
    {
        "anonymous-customer" => "Anonymous customer",
        "anonymous-researcher" => "Anonymous researcher",
        _ => credit.Name,
    };

    public static string Sentence(AdvisoryCredit credit) => credit.Kind switch
    {
        "hackerone" => $"{credit.Name} reported this vulnerability through the HackerOne bug bounty program.",
        "customer" => $"{credit.Name} reported this vulnerability.",
        "internal" => $"{credit.Name} found this vulnerability.",
        "anonymous-customer" => "An anonymous customer reported this vulnerability.",
        "anonymous-researcher" => "An anonymous researcher reported this vulnerability.",
        _ => $"Thanks to {credit.Name}.",
    };

    public static string OsvType(AdvisoryCredit credit) => credit.Kind switch
    {
        "hackerone" or "internal" => "FINDER",
        "customer" or "anonymous-customer" or "anonymous-researcher" => "REPORTER",
        _ => "OTHER",
    };

    public static string CveType(AdvisoryCredit credit) => credit.Kind switch
    {
        "hackerone" or "internal" => "finder",
        "customer" or "anonymous-customer" or "anonymous-researcher" => "reporter",
        _ => "other",
    };

    public static Uri? Profile(AdvisoryCredit credit) =>
        credit.Kind == "hackerone" ? new Uri("https://hackerone.com/" + Uri.EscapeDataString(credit.Name.TrimStart('@'))) : null;

    /// <summary>A CSAF acknowledgment: who, what for, and where to find them; an anonymous one only says what for.</summary>
    public static JsonObject Acknowledgment(AdvisoryCredit credit, string vendor)
    {
        var acknowledgment = new JsonObject();
        if (!IsAnonymous(credit))
        {
            acknowledgment["names"] = ExportJson.Strings([credit.Name]);
        }
        acknowledgment["summary"] = Sentence(credit);
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
