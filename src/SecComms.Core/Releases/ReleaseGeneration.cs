using SecComms.Core.Communications;
using SecComms.Core.Errors;
using SecComms.Core.Identity;
using SecComms.Core.Policy;
using SecComms.Core.Vulnerabilities;

namespace SecComms.Core.Releases;

/// <summary>Renders every release template first, then creates the communications, so a template error creates none.</summary>
internal static class ReleaseGeneration
{
    public const string BlogPostCategory = "security-release";
    public const string CriticalCategory = "critical-security-release";
    public const string CustomerEmailCategory = "customer-security-notice";

    public static async Task<IReadOnlyList<Communication>> GenerateAsync(Actor actor, SecurityRelease release, IReadOnlyList<Vulnerability> vulnerabilities,
        ReleaseTemplates templates, SecCommsPolicy policy, CommunicationService communications, SiteOptions site, CancellationToken cancellationToken)
    {
        var values = new Dictionary<string, object?>
        {
            ["release"] = ReleaseTemplateModel.Release(release, vulnerabilities),
            ["vulnerabilities"] = vulnerabilities.Select(ReleaseTemplateModel.Vulnerability).ToArray(),
            ["site"] = ReleaseTemplateModel.Site(site),
        };
        var parts = new List<(ReleasePart Part, Category Category, CommunicationContent Content, Vulnerability? Vulnerability)>
        {
            (ReleasePart.BlogPost, CategoryOf(policy, release.Kind == ReleaseKind.Planned ? BlogPostCategory : CriticalCategory),
                ReleaseTemplateRenderer.Render("blog-post", templates.BlogPost, values), null),
            (ReleasePart.CustomerEmail, CategoryOf(policy, CustomerEmailCategory),
                ReleaseTemplateRenderer.Render("customer-email", templates.CustomerEmail, values), null),
        };
        foreach (var v in vulnerabilities)
        {
            var advisory = new Dictionary<string, object?>(values) { ["vulnerability"] = ReleaseTemplateModel.Vulnerability(v) };
            parts.Add((ReleasePart.Advisory, parts[0].Category, ReleaseTemplateRenderer.Render("advisory", templates.Advisory, advisory), v));
        }
        var created = new List<Communication>();
        foreach (var (part, category, content, vulnerability) in parts)
        {
            var facts = new NewCommunicationFacts(category.ConfidentialByDefault, CustomersAffected: part == ReleasePart.CustomerEmail, [],
                $"Generated for {release.Reference} from the release template {ReleaseConsistency.Describe(part)}.");
            created.Add(await communications.AddAsync(actor, category, content, facts, cancellationToken, c =>
            {
                c.ReleaseId = release.Id;
                c.ReleasePart = part;
                c.VulnerabilityId = vulnerability?.Id;
                c.Emergency = release.Kind != ReleaseKind.Planned;
            }));
        }
        return created;
    }

    private static Category CategoryOf(SecCommsPolicy policy, string key) =>
        policy.FindCategory(key) ?? throw new ConflictException($"The policy in force has no category {key}, which a prepared release's communications belong to.");
}
