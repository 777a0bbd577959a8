using SecComms.Core.Distribution;

namespace SecComms.Web.Pages.Audiences;

/// <summary>Audience values as people read them.</summary>
public static class AudienceDisplay
{
    public static string DeploymentName(Deployment deployment) => deployment switch
    {
        Deployment.SelfManaged => "Self-managed",
        Deployment.Saas => "SaaS",
        _ => deployment.ToString(),
    };

    public static string DeploymentName(string kebab) =>
        SecComms.Core.Data.KebabNames.TryParse<Deployment>(kebab, out var deployment) ? DeploymentName(deployment) : kebab;

    public static string RoleName(ContactRole role) => role switch
    {
        ContactRole.SecurityContact => "Security contact",
        ContactRole.Admin => "Administrator",
        ContactRole.Technical => "Technical contact",
        _ => "Other",
    };

    public static string RoleName(string kebab) =>
        SecComms.Core.Data.KebabNames.TryParse<ContactRole>(kebab, out var role) ? RoleName(role) : kebab;

    public static string StatusName(DeliveryStatus status) => status.ToString();

    /// <summary>A list of filter values in words, or "any" when the filter is not set.</summary>
    public static string Any(IEnumerable<string> values)
    {
        var list = values.ToList();
        return list.Count == 0 ? "Any" : string.Join(", ", list);
    }
}
