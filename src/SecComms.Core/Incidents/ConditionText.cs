using SecComms.Core.Policy;
using SecComms.Core.Workflow;

namespace SecComms.Core.Incidents;

/// <summary>Says an incident condition in words, so people see why a party must be engaged.</summary>
public static class ConditionText
{
    public static string Describe(IncidentCondition condition)
    {
        var parts = new List<string>();
        if (condition.Severity is { } severity)
        {
            parts.Add($"severity {string.Join(" or ", severity.Select(s => s.ToString()))}");
        }
        if (condition.Kind is { } kind)
        {
            parts.Add(string.Join(" or ", kind.Select(k => AuditNames.Of(k).Replace('-', ' '))));
        }
        Flag(parts, condition.PersonalData, "personal data involved", "no personal data");
        Flag(parts, condition.ActivelyExploited, "actively exploited", "not exploited");
        Flag(parts, condition.PubliclyReported, "publicly reported", "not publicly reported");
        Flag(parts, condition.Material, "determined material", "not determined material");
        Flag(parts, condition.CustomersAffected, "customers affected", "no customers affected");
        Flag(parts, condition.Regulatory, "a regulatory clock applies", "no regulatory clock applies");
        List(parts, condition.Regions, "region");
        List(parts, condition.CustomerTiers, "customer tier");
        List(parts, condition.DataCategories, "data");
        return parts.Count == 0 ? "always" : string.Join(" and ", parts);
    }

    private static void Flag(List<string> parts, bool? value, string whenTrue, string whenFalse)
    {
        if (value is { } v)
        {
            parts.Add(v ? whenTrue : whenFalse);
        }
    }

    private static void List(List<string> parts, IReadOnlyList<string>? values, string name)
    {
        if (values is not null)
        {
            parts.Add($"{name} {string.Join(" or ", values)}");
        }
    }
}
