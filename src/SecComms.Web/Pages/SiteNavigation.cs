using SecComms.Core.Audit;
using SecComms.Core.Distribution;
using SecComms.Core.Identity;
using SecComms.Core.Policy;
using IncidentRecords = SecComms.Core.Incidents.Incidents;
using VulnerabilityRecords = SecComms.Core.Vulnerabilities.Vulnerabilities;
using WebhookRecords = SecComms.Core.Distribution.Webhooks;

namespace SecComms.Web.Pages;

/// <summary>A page a navigation link opens, and the other pages it stands for (a list's link stands for its records' pages).</summary>
public sealed record NavLink(string Title, string Page, params string[] Also)
{
    public bool Covers(string page) => Page == page || Also.Contains(page, StringComparer.Ordinal);
}

/// <summary>A job, as the top of every page names it: its first link is where it opens, the others are its tabs.</summary>
public sealed record NavSection(string Title, IReadOnlyList<NavLink> Links)
{
    public NavLink Home => Links[0];

    public bool Covers(string page) => Links.Any(l => l.Covers(page));
}

/// <summary>
/// The site's navigation, grouped by job: at most six top items, each shown only to those its pages admit, as Core
/// decides who may see incidents, vulnerabilities, audiences, webhooks and the audit trail.
/// </summary>
public static class SiteNavigation
{
    public static IReadOnlyList<NavSection> For(Actor actor, SecCommsPolicy policy, AudienceAccess audiences)
    {
        var sections = new List<NavSection>
        {
            new("Communications", [new("Communications", "/Index", "/Communications/Details", "/Communications/Edit", "/Communications/Diff",
                "/Communications/New", "/DeliveryReport/Dispatch")]),
            new("Releases", [
                new("All releases", "/Releases/Index", "/Releases/Details"),
                new("Release calendar", "/Releases/Calendar"),
                .. VulnerabilityRecords.MaySee(policy, actor)
                    ? [new NavLink("Vulnerabilities", "/Vulnerabilities/Index", "/Vulnerabilities/New", "/Vulnerabilities/Details")]
                    : Array.Empty<NavLink>(),
            ]),
        };
        if (IncidentRecords.MaySee(actor))
        {
            sections.Add(new("Incidents", [new("Incidents", "/Incidents/Index", "/Incidents/New", "/Incidents/Details")]));
        }
        if (audiences.CanRead(actor))
        {
            sections.Add(new("Audiences", [new("Audiences", "/Audiences/Index", "/Audiences/Segment", "/Audiences/Contacts", "/Audiences/Organizations",
                "/Audiences/Organization", "/Audiences/Import")]));
        }
        sections.Add(new("Exceptions", [new("Exceptions", "/Exceptions/Index", "/Exceptions/New", "/Exceptions/Details")]));
        sections.Add(new("Admin", [
            .. actor.IsAdmin ? [new NavLink("People", "/People/Index", "/People/Person")] : Array.Empty<NavLink>(),
            new("Access tokens", "/Tokens/Index"),
            .. WebhookRecords.MayManage(actor) ? [new NavLink("Webhooks", "/Webhooks/Index", "/Webhooks/Deliveries")] : Array.Empty<NavLink>(),
            new("API reference", "/ApiReference"),
            .. AuditLog.MayRead(actor) ? [new NavLink("Audit trail", "/Audit/Index", "/Audit/Event", "/Audit/Chain")] : Array.Empty<NavLink>(),
            new("Policy", "/Policy/Index", "/Policy/Versions", "/Policy/Diff", "/Policy/Edit"),
        ]));
        return sections;
    }
}
