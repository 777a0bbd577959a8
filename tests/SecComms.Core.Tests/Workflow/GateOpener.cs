using Microsoft.Extensions.DependencyInjection;
using SecComms.Core.Disclosure;
using SecComms.Core.Identity;
using SecComms.Core.Incidents;
using SecComms.Core.Policy;
using SecComms.Core.Releases;

namespace SecComms.Core.Tests.Workflow;

/// <summary>
/// A communication's gates the way people meet them: linked to its release and incident before review (the links are
/// part of what is approved), then opened as the release ships and the incident is contained.
/// </summary>
internal sealed class GateOpener(Guid? releaseId, Guid? incidentId)
{
    public static async Task<GateOpener> LinkAsync(ServiceProvider services, Actor security, Guid id, IReadOnlyList<string> gates)
    {
        Guid? releaseId = null;
        Guid? incidentId = null;
        if (gates.Contains(Gates.FixReleased))
        {
            releaseId = (await ApprovalMatrixTests.Use<SecurityReleases, SecurityReleaseView>(services, r =>
                r.CreateAsync(security, new NewSecurityRelease("18.4.2", ReleaseKind.Planned, null), CancellationToken.None))).Id;
        }
        if (gates.Contains(Gates.IncidentContained))
        {
            incidentId = (await ApprovalMatrixTests.Use<Core.Incidents.Incidents, IncidentView>(services, i => i.CreateAsync(security,
                new NewIncident("Leaked key", IncidentKind.Breach, IncidentSeverity.S2, DateTimeOffset.UtcNow.AddHours(-2), false), CancellationToken.None))).Id;
        }
        await ApprovalMatrixTests.Use<DisclosureService, DisclosureView>(services, d =>
            d.SetLinksAsync(security, id, new LinksRequest(releaseId, incidentId, null), CancellationToken.None));
        return new GateOpener(releaseId, incidentId);
    }

    public async Task OpenAsync(ServiceProvider services, Actor security, Guid id)
    {
        if (releaseId is { } release)
        {
            await ApprovalMatrixTests.Use<SecurityReleases, SecurityReleaseView>(services, r => r.PublishAsync(security, release, null, CancellationToken.None));
        }
        if (incidentId is { } incident)
        {
            await ApprovalMatrixTests.Use<Core.Incidents.Incidents, IncidentView>(services, i =>
                i.ContainAsync(security, incident, new ContainmentRequest(null), CancellationToken.None));
        }
        var links = await ApprovalMatrixTests.Use<DisclosureService, DisclosureView>(services, d => d.GetAsync(security, id, CancellationToken.None));
        Assert.True(links.Open);
    }
}
