using Microsoft.Extensions.DependencyInjection;
using SecComms.Core.Disclosure;
using SecComms.Core.Identity;
using SecComms.Core.Incidents;
using SecComms.Core.Policy;
using SecComms.Core.Releases;

namespace SecComms.Core.Tests.Workflow;

/// <summary>Opens a communication's gates the way people do: the release ships, the incident is contained.</summary>
internal static class GateOpener
{
    public static async Task OpenAsync(ServiceProvider services, Actor security, Guid id, IReadOnlyList<string> gates)
    {
        Guid? releaseId = null;
        Guid? incidentId = null;
        if (gates.Contains(Gates.FixReleased))
        {
            var release = await ApprovalMatrixTests.Use<SecurityReleases, SecurityReleaseView>(services, r =>
                r.CreateAsync(security, new NewSecurityRelease("18.4.2", ReleaseKind.Planned, null), CancellationToken.None));
            await ApprovalMatrixTests.Use<SecurityReleases, SecurityReleaseView>(services, r => r.PublishAsync(security, release.Id, CancellationToken.None));
            releaseId = release.Id;
        }
        if (gates.Contains(Gates.IncidentContained))
        {
            var incident = await ApprovalMatrixTests.Use<Core.Incidents.Incidents, IncidentView>(services, i => i.CreateAsync(security,
                new NewIncident("Leaked key", IncidentKind.Breach, IncidentSeverity.S2, DateTimeOffset.UtcNow.AddHours(-2), false), CancellationToken.None));
            await ApprovalMatrixTests.Use<Core.Incidents.Incidents, IncidentView>(services, i =>
                i.ContainAsync(security, incident.Id, new ContainmentRequest(null), CancellationToken.None));
            incidentId = incident.Id;
        }
        var links = await ApprovalMatrixTests.Use<DisclosureService, DisclosureView>(services, d =>
            d.SetLinksAsync(security, id, new LinksRequest(releaseId, incidentId, null), CancellationToken.None));
        Assert.True(links.Open);
    }
}
