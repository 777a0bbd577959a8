using System.Text.RegularExpressions;
using SecComms.Core.Data;
using SecComms.Core.Distribution;

namespace SecComms.Web.Pages.Audiences;

/// <summary>A segment as its form holds it: lists typed as text, separated by commas (organizations one a line, as names may hold commas).</summary>
public sealed partial class SegmentForm
{
    public const string Prefix = "Form";

    public string? Key { get; set; }
    public string? Name { get; set; }
    public string? Description { get; set; }
    public bool Mandatory { get; set; }
    public string? Tiers { get; set; }
    public List<Deployment> Deployments { get; set; } = [];
    public string? Regions { get; set; }
    public string? ProductVersions { get; set; }
    public List<ContactRole> Roles { get; set; } = [];
    public string? Organizations { get; set; }

    public SegmentInput ToInput() => new(Key?.Trim(), Name, Description, Mandatory, Split(Tiers, ','), Deployments, Split(Regions, ','),
        Split(ProductVersions, ','), Roles, Split(Organizations, '\n'));

    public static SegmentForm From(SegmentView segment) => new()
    {
        Key = segment.Key,
        Name = segment.Name,
        Description = segment.Description,
        Mandatory = segment.Mandatory,
        Tiers = string.Join(", ", segment.Tiers),
        Deployments = [.. segment.Deployments.Select(KebabNames.Parse<Deployment>)],
        Regions = string.Join(", ", segment.Regions),
        ProductVersions = string.Join(", ", segment.ProductVersions),
        Roles = [.. segment.Roles.Select(KebabNames.Parse<ContactRole>)],
        Organizations = string.Join("\n", segment.Organizations),
    };

    /// <summary>Core's field name as the form's input name: <c>tiers[1]</c> is about <c>Form.Tiers</c>.</summary>
    public static string FieldKey(string coreField)
    {
        var name = Index().Replace(coreField, "");
        return name.Length == 0 ? "" : $"{Prefix}.{char.ToUpperInvariant(name[0])}{name[1..]}";
    }

    private static List<string> Split(string? text, char separator) =>
        [.. (text ?? "").Split(separator, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];

    [GeneratedRegex(@"\[\d+\]$")]
    private static partial Regex Index();
}
