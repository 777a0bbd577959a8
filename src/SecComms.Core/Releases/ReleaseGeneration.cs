using SecComms.Core.Communications;
using SecComms.Core.Errors;
using SecComms.Core.Identity;
using SecComms.Core.Policy;
using SecComms.Core.Vulnerabilities;

namespace SecComms.Core.Releases;

/// <summary>Renders every release template first, then creates the communications, so a template error creates none.</summary>
internal static class ReleaseGeneration
{
    public static async Task<IReadOnlyList<Communication>> GenerateAsync(Actor actor, SecurityRelease release, IReadOnlyList<Vulnerability> vulnerabilities,
        ReleaseTemplates templates, SecCommsPolicy policy, CommunicationService communications, SiteOptions site, string organization,
        CancellationToken cancellationToken)
    {
        var described = ReleaseTemplateModel.Vulnerabilities(release, vulnerabilities, organization);
        var values = new Dictionary<string, object?>
        {
            ["release"] = ReleaseTemplateModel.Release(release, vulnerabilities),
            ["vulnerabilities"] = described.ToArray(),
            ["site"] = ReleaseTemplateModel.Site(site, organization),
        };
        var parts = new List<(ReleasePart Part, Category Category, CommunicationContent Content, Vulnerability? Vulnerability)>
        {
            (ReleasePart.BlogPost, CategoryOf(policy, ReleasePart.BlogPost, release.Kind),
                ReleaseTemplateRenderer.Render("blog-post", templates.BlogPost, values), null),
            (ReleasePart.CustomerEmail, CategoryOf(policy, ReleasePart.CustomerEmail, release.Kind),
                ReleaseTemplateRenderer.Render("customer-email", templates.CustomerEmail, values), null),
        };
        for (var i = 0; i < vulnerabilities.Count; i++)
        {
            var advisory = new Dictionary<string, object?>(values) { ["vulnerability"] = described[i] };
            parts.Add((ReleasePart.Advisory, CategoryOf(policy, ReleasePart.Advisory, release.Kind),
                ReleaseTemplateRenderer.Render("advisory", templates.Advisory, advisory), vulnerabilities[i]));
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

    private static Category CategoryOf(SecCommsPolicy policy, ReleasePart part, ReleaseKind kind)
    {
        var key = policy.Releases.CategoryOf(part, kind);
        return policy.FindCategory(key) ?? throw new ConflictException($"The policy in force has no category {key}, which a prepared release's communications belong to.");
    }
}
