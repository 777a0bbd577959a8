using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SecComms.Core.Data;

namespace SecComms.Core.Communications;

/// <summary>
/// Everything an approval covers: the text of every variant, the linked security release with its versions and the
/// vulnerabilities it discloses, the linked incident, the embargo, and who the email goes to with the definition of
/// that segment. Approvers see its hash and send it back; a change to any part of it resets their approvals.
/// </summary>
public sealed class DisclosurePackage(CommunicationReads reads)
{
    public const string Version = "seccomms-package-v1";

    /// <summary>The SHA-256, in lowercase hex, of the package as it stands in the database and on the entity.</summary>
    public async Task<string> HashAsync(Communication communication, CancellationToken cancellationToken)
    {
        var package = new
        {
            Version,
            Content = communication.CurrentContentHash,
            Release = await ReleaseAsync(communication.ReleaseId, cancellationToken),
            Incident = communication.IncidentId is { } incidentId ? (await reads.IncidentAsync(incidentId, cancellationToken))?.Number : null,
            // Milliseconds, which every provider keeps exactly, so the hash reads back the same.
            EmbargoUntil = communication.EmbargoUntil?.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            Audience = await AudienceAsync(communication, cancellationToken),
        };
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(package))));
    }

    /// <remarks>
    /// The choice to send to no one joins the package only when made, so a package settled before it existed keeps its
    /// hash. An email to its incident's affected customers covers who they are: naming others returns it to review.
    /// </remarks>
    private async Task<JsonObject> AudienceAsync(Communication communication, CancellationToken cancellationToken)
    {
        var audience = JsonSerializer.SerializeToNode(new
        {
            Segment = await SegmentAsync(communication.AudienceSegmentId, cancellationToken),
            communication.AudienceAffectedCustomers,
            communication.RequiresAcknowledgement,
        })!.AsObject();
        if (communication.AudienceNoRecipientsReason is { } reason)
        {
            audience["NoRecipients"] = reason;
        }
        if (communication.AudienceAffectedCustomers && communication.IncidentId is { } incidentId)
        {
            var named = (await reads.IncidentAsync(incidentId, cancellationToken))?.AffectedCustomers;
            audience["AffectedCustomers"] = JsonSerializer.SerializeToNode((named ?? []).Order(StringComparer.Ordinal));
        }
        return audience;
    }

    private async Task<object?> ReleaseAsync(Guid? releaseId, CancellationToken cancellationToken)
    {
        if (releaseId is not { } id
            || await reads.ReleaseAsync(id, cancellationToken) is not { } release)
        {
            return null;
        }
        var vulnerabilities = await reads.VulnerabilitiesAsync(id, cancellationToken);
        return new
        {
            release.Number,
            Kind = KebabNames.Of(release.Kind),
            release.Product,
            release.Versions,
            Vulnerabilities = vulnerabilities.Select(Disclosed),
        };
    }

    /// <remarks>
    /// A vulnerability's edition and product identifiers join the package only where they are set, so a package settled
    /// before they existed keeps its hash.
    /// </remarks>
    private static JsonObject Disclosed(Vulnerabilities.Vulnerability v)
    {
        var disclosed = JsonSerializer.SerializeToNode(new
        {
            v.Number,
            v.Title,
            v.Description,
            v.Product,
            v.CweId,
            v.CveId,
            v.Cvss31Vector,
            v.Cvss40Vector,
            v.Affected,
            Credits = v.Credits.Select(c => new { c.Name, Kind = KebabNames.Of(c.Kind) }),
        })!.AsObject();
        foreach (var (name, value) in new[] { ("Edition", v.Edition), ("Cpe", v.Cpe), ("Purl", v.Purl) })
        {
            if (value is not null)
            {
                disclosed[name] = value;
            }
        }
        return disclosed;
    }

    private async Task<object?> SegmentAsync(Guid? segmentId, CancellationToken cancellationToken) =>
        segmentId is { } id && await reads.SegmentAsync(id, cancellationToken) is { } segment
            ? new { segment.Key, segment.Mandatory, segment.Tiers, segment.Deployments, segment.Regions, segment.ProductVersions, segment.Roles, segment.Organizations }
            : null;
}
