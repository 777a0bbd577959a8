namespace SecComms.Core.Workflow;

public static class WorkflowLimits
{
    public const int Comment = 2_000;
    public const int Reason = 2_000;
}

/// <summary>How workflow values are written into audit events: the same kebab-case names the API uses.</summary>
public static class AuditNames
{
    public static string Of<TEnum>(TEnum value) where TEnum : struct, Enum => Data.KebabNames.Of(value);
}
