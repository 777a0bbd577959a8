using Microsoft.EntityFrameworkCore;
using SecComms.Core.Audit;
using SecComms.Core.Communications;
using SecComms.Core.Data;
using SecComms.Core.Errors;
using SecComms.Core.Identity;
using SecComms.Core.Paging;
using SecComms.Core.Policy;
using SecComms.Core.Workflow;

namespace SecComms.Core.Vulnerabilities;

/// <summary>
/// Vulnerability records, from triage to disclosure. Until they are disclosed their details are sensitive, so only the
/// policy's vulnerability teams (security and application security by default) see them; anyone else is told they do not exist.
/// </summary>
public sealed class Vulnerabilities(
    SecCommsDb db, WriteScope writes, AuditTrail audit, SecCommsPolicy policy, CommunicationService communications, TimeProvider time)
{
    public async Task<VulnerabilityView> CreateAsync(Actor actor, VulnerabilityInput input, CancellationToken cancellationToken)
    {
        EnsureCanWrite(actor);
        VulnerabilityRules.Check(input, creating: true, time);
        var id = await writes.RunAsync(async () =>
        {
            await EnsureCveIsFreeAsync(input.CveId, null, cancellationToken);
            var now = time.GetUtcNow();
            var vulnerability = new Vulnerability
            {
                Number = (await db.Vulnerabilities.MaxAsync(v => (int?)v.Number, cancellationToken) ?? 0) + 1,
                Title = input.Title!.Trim(),
                Description = input.Description!.Trim(),
                Product = input.Product!.Trim(),
                Source = input.Source!.Value,
                Status = VulnerabilityStatus.Triage,
                DiscloseAfterDays = input.DiscloseAfterDays ?? policy.Releases.DiscloseAfterDays,
                CreatedById = actor.UserId,
                CreatedAt = now,
                UpdatedAt = now,
            };
            Apply(vulnerability, input);
            db.Vulnerabilities.Add(vulnerability);
            await audit.RecordAsync(actor.Email, "vulnerability.created", Entity(vulnerability.Id), Snapshot(vulnerability), cancellationToken);
            return vulnerability.Id;
        }, cancellationToken);
        return await GetAsync(actor, id, cancellationToken);
    }

    public async Task<VulnerabilityView> UpdateAsync(Actor actor, Guid id, VulnerabilityInput input, CancellationToken cancellationToken)
    {
        EnsureCanWrite(actor);
        VulnerabilityRules.Check(input, creating: false, time);
        await writes.RunAsync(async () =>
        {
            var vulnerability = await FindAsync(actor, id, tracking: true, cancellationToken);
            await EnsureCveIsFreeAsync(input.CveId, id, cancellationToken);
            var before = Snapshot(vulnerability);
            Apply(vulnerability, input);
            var after = Snapshot(vulnerability);
            if (System.Text.Json.JsonSerializer.Serialize(before) == System.Text.Json.JsonSerializer.Serialize(after))
            {
                return;
            }
            vulnerability.UpdatedAt = time.GetUtcNow();
            await audit.RecordAsync(actor.Email, "vulnerability.updated", Entity(id), after, cancellationToken);
            if (vulnerability.ReleaseId is { } releaseId)
            {
                await communications.SettlePackagesAsync(actor, c => c.ReleaseId == releaseId, "release", cancellationToken);
            }
        }, cancellationToken);
        return await GetAsync(actor, id, cancellationToken);
    }

    /// <summary>Moves it along its lifecycle; being released is recorded by publishing the release that ships the fix.</summary>
    public async Task<VulnerabilityView> SetStatusAsync(Actor actor, Guid id, VulnerabilityStatusRequest request, CancellationToken cancellationToken)
    {
        EnsureCanWrite(actor);
        new Validation()
            .Require(request.Status is not null, "status", "status is required: triage, fixing, fixed or disclosed.")
            .Require(request.Status != VulnerabilityStatus.Released, "status",
                "released is recorded when the security release that ships the fix is published; publish the release instead.")
            .ThrowIfInvalid();
        var target = request.Status!.Value;
        await writes.RunAsync(async () =>
        {
            var vulnerability = await FindAsync(actor, id, tracking: true, cancellationToken);
            if (vulnerability.Status == target)
            {
                return;
            }
            var allowed = VulnerabilityLifecycle.Allows(vulnerability.Status, target);
            if (!allowed)
            {
                throw new ConflictException(
                    $"{vulnerability.Reference} is {AuditNames.Of(vulnerability.Status)}; {VulnerabilityLifecycle.Explain(vulnerability.Status)}");
            }
            var now = time.GetUtcNow();
            var from = vulnerability.Status;
            vulnerability.Status = target;
            vulnerability.DisclosedAt = target == VulnerabilityStatus.Disclosed ? now : vulnerability.DisclosedAt;
            vulnerability.UpdatedAt = now;
            await audit.RecordAsync(actor.Email, "vulnerability.status-changed", Entity(id),
                new { vulnerability.Reference, From = AuditNames.Of(from), To = AuditNames.Of(target) }, cancellationToken);
        }, cancellationToken);
        return await GetAsync(actor, id, cancellationToken);
    }

    public async Task<VulnerabilityView> GetAsync(Actor actor, Guid id, CancellationToken cancellationToken) =>
        VulnerabilityView.From(await FindAsync(actor, id, tracking: false, cancellationToken), time.GetUtcNow());

    /// <summary>The vulnerabilities the actor may see, newest first; empty for anyone outside the vulnerability teams.</summary>
    public async Task<Page<VulnerabilityView>> ListAsync(Actor actor, VulnerabilityFilter filter, CancellationToken cancellationToken)
    {
        var before = NumberCursor.Parse(filter.Cursor);
        var number = ReferenceNumber.Parse(filter.Reference, "VULN");
        new Validation().MaxLength(filter.Search, 200, "q").PlainText(filter.Search, "q").RequireLimit(filter.Limit).ThrowIfInvalid();
        if (!MaySee(policy, actor))
        {
            return new([], null);
        }
        var query = db.Vulnerabilities.AsNoTracking();
        if (number is { } only)
        {
            query = query.Where(v => v.Number == only);
        }
        if (before is { } below)
        {
            query = query.Where(v => v.Number < below);
        }
        if (filter.Status is { } status)
        {
            query = query.Where(v => v.Status == status);
        }
        if (filter.ReleaseId is { } release)
        {
            query = query.Where(v => v.ReleaseId == release);
        }
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var text = filter.Search.Trim();
            query = query.Where(v => v.Title.Contains(text) || (v.CveId != null && v.CveId.Contains(text)) || v.Product.Contains(text));
        }
        var now = time.GetUtcNow();
        var fetched = await query.OrderByDescending(v => v.Number).Take(filter.Limit + 1).ToListAsync(cancellationToken);
        return NumberCursor.PageOf(fetched, filter.Limit, v => v.Number, v => VulnerabilityView.From(v, now));
    }

    public static string Entity(Guid id) => $"vulnerability:{id}";

    /// <summary>Whether the actor is in one of the policy's vulnerability teams (<c>releases.vulnerability-teams</c>).</summary>
    public static bool MaySee(SecCommsPolicy policy, Actor actor) => policy.Releases.VulnerabilityTeams.Any(actor.IsInTeam);

    /// <summary>Members of the vulnerability teams who may change things record vulnerabilities and manage security releases.</summary>
    public static bool MayManage(SecCommsPolicy policy, Actor actor) => actor.CanWrite && MaySee(policy, actor);

    internal async Task<Vulnerability> FindAsync(Actor actor, Guid id, bool tracking, CancellationToken cancellationToken)
    {
        var query = tracking ? db.Vulnerabilities.AsTracking() : db.Vulnerabilities.AsNoTracking();
        var found = MaySee(policy, actor) ? await query.FirstOrDefaultAsync(v => v.Id == id, cancellationToken) : null;
        return found ?? throw new NotFoundException($"No vulnerability {id}.");
    }

    private void EnsureCanWrite(Actor actor)
    {
        if (!MayManage(policy, actor))
        {
            throw new ForbiddenException($"Only members of the {string.Join(" or ", policy.Releases.VulnerabilityTeams)} teams record vulnerabilities.");
        }
    }

    private async Task EnsureCveIsFreeAsync(string? cve, Guid? self, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(cve))
        {
            return;
        }
        var holder = await db.Vulnerabilities.AsNoTracking().Where(v => v.CveId == cve && v.Id != self).Select(v => (int?)v.Number).FirstOrDefaultAsync(cancellationToken);
        if (holder is not null)
        {
            throw new ConflictException($"{cve} is already the CVE id of VULN-{holder}; one CVE id names one vulnerability.");
        }
    }

    private static void Apply(Vulnerability v, VulnerabilityInput input)
    {
        v.Title = input.Title?.Trim() ?? v.Title;
        v.Description = input.Description?.Trim() ?? v.Description;
        v.Product = input.Product?.Trim() ?? v.Product;
        v.Edition = input.Edition is null ? v.Edition : Blank(input.Edition);
        v.Cpe = input.Cpe is null ? v.Cpe : Blank(input.Cpe);
        v.Purl = input.Purl is null ? v.Purl : Blank(input.Purl);
        v.CweId = input.CweId is null ? v.CweId : Blank(input.CweId);
        v.CveId = input.CveId is null ? v.CveId : Blank(input.CveId);
        v.Cvss31Vector = input.Cvss31Vector is null ? v.Cvss31Vector : Blank(input.Cvss31Vector);
        v.Cvss40Vector = input.Cvss40Vector is null ? v.Cvss40Vector : Blank(input.Cvss40Vector);
        v.Affected = input.Affected is null ? v.Affected : [.. input.Affected.Select(r => new AffectedRange(r.Introduced!, r.Fixed!))];
        v.Credits = input.Credits is null ? v.Credits : [.. input.Credits.Select(c => new Credit(c.Name?.Trim() ?? "", c.Kind!.Value))];
        v.Source = input.Source ?? v.Source;
        v.ExternalReference = input.ExternalReference is null ? v.ExternalReference : Blank(input.ExternalReference);
        v.DiscloseAfterDays = input.DiscloseAfterDays ?? v.DiscloseAfterDays;
        VulnerabilityRules.Score(v);
    }

    private static string? Blank(string text) => text.Trim() is { Length: > 0 } trimmed ? trimmed : null;

    private static object Snapshot(Vulnerability v) => new
    {
        v.Reference,
        v.Title,
        v.Product,
        v.Edition,
        v.Cpe,
        v.Purl,
        v.CweId,
        v.CveId,
        v.Cvss31Vector,
        v.Cvss31Score,
        v.Cvss40Vector,
        v.Cvss40Score,
        v.Severity,
        Affected = v.Affected.Select(r => $"{r.Introduced} before {r.Fixed}"),
        Credits = v.Credits.Select(c => c.IsAnonymous ? AuditNames.Of(c.Kind) : $"{c.Name} ({AuditNames.Of(c.Kind)})"),
        Source = AuditNames.Of(v.Source),
        v.ExternalReference,
        v.DiscloseAfterDays,
        DescriptionHash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(v.Description))),
    };
}
