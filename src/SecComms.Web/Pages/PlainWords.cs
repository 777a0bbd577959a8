using System.Text.RegularExpressions;

namespace SecComms.Web.Pages;

/// <summary>
/// Core's messages name the API's fields (<c>noRecipientsReason</c>, <c>exceptionId</c>), which mean nothing to someone
/// filling in a form; the pages say them with the words of their forms instead. The API's ProblemDetails keep the names.
/// </summary>
internal static partial class PlainWords
{
    /// <summary>Each API field a page has a form for, as the form speaks of it.</summary>
    private static readonly Dictionary<string, string> Fields = new(StringComparer.Ordinal)
    {
        ["at"] = "the publication time",
        ["comment"] = "your comment",
        ["reason"] = "the reason",
        ["notes"] = "the notes for the approvers",
        ["note"] = "the note about this revision",
        ["exceptionId"] = "the policy exception",
        ["noRecipientsReason"] = "the reason the email goes to no one",
        ["embargoUntil"] = "the end of the embargo",
        ["releaseId"] = "the security release",
        ["incidentId"] = "the incident",
        ["communicationId"] = "the communication",
        ["packageHash"] = "the package hash the page showed",
        ["decision"] = "the decision",
        ["segment"] = "the segment",
        ["affectedCustomers"] = "the incident's affected customers",
        ["sensitive"] = "the answer to Sensitive",
        ["accurate"] = "the answer to Accurate",
        ["financial"] = "the answer to Financial",
        ["effect"] = "the answer to Effect",
        ["emailSubject"] = "the email subject",
        ["emailBody"] = "the email body",
        ["shortText"] = "the short text",
        ["supportFaq"] = "the Support FAQ",
        ["alternativesConsidered"] = "the alternatives considered",
        ["compensatingControls"] = "the compensating controls",
        ["periodDays"] = "the number of days the exception lasts",
        ["expiringWithinDays"] = "the number of days in Expiring within",
        ["expiresInDays"] = "the number of days the token lasts",
        ["becameAwareAt"] = "the time the company became aware",
        ["detectedAt"] = "the time it was detected",
        ["containedAt"] = "the time it was contained",
        ["resolvedAt"] = "the time it was resolved",
        ["reviewStartedAt"] = "the time the post-incident review started",
        ["materialityDeterminedAt"] = "the time materiality was determined",
        ["affectedRecordCount"] = "the number of affected records",
        ["affectedCustomerCount"] = "the number of affected customers",
        ["dataCategories"] = "the data categories",
        ["customerTiers"] = "the customer tiers",
        ["externalReference"] = "the external reference",
        ["cveId"] = "the CVE ID",
        ["cweId"] = "the CWE ID",
        ["cvss31Vector"] = "the CVSS 3.1 vector",
        ["cvss40Vector"] = "the CVSS 4.0 vector",
        ["productVersions"] = "the product versions",
        ["leaveBehind"] = "the communications left behind",
        ["personalData"] = "whether personal data is involved",
        ["productVersion"] = "the product version",
        ["discloseAfterDays"] = "the days before disclosure",
        ["vulnerabilityIds"] = "the vulnerabilities",
    };

    /// <summary>A message Core gave about <paramref name="field"/>, starting with the form's words for it where it starts with the field's name.</summary>
    public static string For(string field, string message)
    {
        var said = Fields.TryGetValue(field, out var words) && message.StartsWith(field + " ", StringComparison.Ordinal)
            ? Capitalized(string.Concat(words, message.AsSpan(field.Length)))
            : message;
        return Of(said);
    }

    /// <summary>
    /// A message from Core as a sentence for a page: without the API's field names, which it says as the forms do, and
    /// without the asides written for API callers, such as "(exceptionId in the API)" or "(true or false)".
    /// </summary>
    public static string Of(string message)
    {
        var said = ApiAside().Replace(message, "");
        said = FieldAside().Replace(said, match => Fields.ContainsKey(match.Groups["name"].Value) ? "" : match.Value);
        said = said.Replace("(true or false)", "(yes or no)", StringComparison.Ordinal);
        said = CamelCaseName().Replace(said, match => Fields.GetValueOrDefault(match.Value, match.Value));
        return CamelCaseName().Match(message) is { Index: 0 } first && Fields.ContainsKey(first.Value) ? Capitalized(said) : said;
    }

    private static string Capitalized(string sentence) => string.Concat(char.ToUpperInvariant(sentence[0]).ToString(), sentence.AsSpan(1));

    /// <summary>An aside naming the API's words: " (exceptionId in the API)".</summary>
    [GeneratedRegex(@" \([A-Za-z]+ in the API\)")]
    private static partial Regex ApiAside();

    /// <summary>An aside that is only a field's name: " (supportFaq)".</summary>
    [GeneratedRegex(@" \((?<name>[a-z]+[A-Z][A-Za-z]*)\)")]
    private static partial Regex FieldAside();

    [GeneratedRegex(@"\b[a-z]+[A-Z][A-Za-z]*\b")]
    private static partial Regex CamelCaseName();
}
