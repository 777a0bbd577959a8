using Microsoft.EntityFrameworkCore;
using SecComms.Core.Audit;
using SecComms.Core.Communications;
using SecComms.Core.Data;
using SecComms.Core.Errors;
using SecComms.Core.Identity;

namespace SecComms.Core.Policy;

public sealed record PolicyVersionSummary(int Version, string Hash, string Source, string ActivatedBy, DateTimeOffset ActivatedAt);

/// <summary>One version whole: what it was and its YAML, byte for byte what its hash covers.</summary>
public sealed record PolicyVersionText(PolicyVersionSummary Version, string Yaml);

/// <summary>Line by line, how the YAML of version <see cref="To"/> differs from that of <see cref="From"/>.</summary>
public sealed record PolicyVersionDiff(PolicyVersionSummary From, PolicyVersionSummary To, IReadOnlyList<DiffLine> Lines)
{
    public bool Changed => Lines.Any(l => l.Op != DiffOp.Same);
}

/// <summary>Where an administrator put a policy in force from, recorded in its version's source.</summary>
public enum PolicyChannel
{
    Api,
    Page,
}

/// <summary>Records every policy that comes into force, with its hash in the audit trail, and replaces it on request.</summary>
public sealed class PolicyVersions(SecCommsDb db, WriteScope writes, AuditTrail audit, PolicyStore store, TimeProvider time)
{
    /// <summary>
    /// At start-up: a configured file or the built-in default is used as it is; without a configured file, the latest
    /// version an administrator put in force is restored. Either way a policy not yet recorded becomes a new version.
    /// </summary>
    public async Task ActivateAsync(bool fileConfigured, string actor, CancellationToken cancellationToken)
    {
        var latest = await LatestAsync(cancellationToken);
        if (!fileConfigured && latest is not null && latest.Hash != store.Current.Hash)
        {
            store.Use(PolicyLoader.Parse(latest.Yaml, $"policy version {latest.Version}"), latest.Yaml, latest.Source);
            return;
        }
        if (latest?.Hash != store.Current.Hash)
        {
            await RecordAsync(store.Yaml, store.Source, actor, cancellationToken);
        }
    }

    /// <summary>Administrators put a new policy in force.</summary>
    public static bool MayReplace(Actor actor) => actor.IsAdmin;

    /// <summary>
    /// Puts a new policy in force. An invalid one is refused with every problem and its line
    /// (<see cref="PolicyValidationException"/>); the old one stays.
    /// </summary>
    public async Task<PolicyVersionSummary> ReplaceAsync(Actor actor, string yaml, PolicyChannel via, CancellationToken cancellationToken)
    {
        if (!MayReplace(actor))
        {
            throw new ForbiddenException("Only administrators can replace the policy.");
        }
        SecCommsPolicy policy;
        try
        {
            policy = PolicyLoader.Parse(yaml, "policy");
        }
        catch (InvalidPolicyException e)
        {
            throw new PolicyValidationException([.. e.Problems.OrderBy(p => p.Line)]);
        }
        var source = via == PolicyChannel.Page ? "page" : "api";
        var version = await RecordAsync(yaml, $"{source}:{actor.Email}", actor.Email, cancellationToken);
        store.Use(policy, yaml, version.Source);
        return version;
    }

    /// <summary>Picks up a version another node put in force.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var latest = await LatestAsync(cancellationToken);
        if (latest is not null && latest.Hash != store.Current.Hash)
        {
            store.Use(PolicyLoader.Parse(latest.Yaml, $"policy version {latest.Version}"), latest.Yaml, latest.Source);
        }
    }

    public async Task<IReadOnlyList<PolicyVersionSummary>> ListAsync(CancellationToken cancellationToken) =>
        await db.PolicyVersions.AsNoTracking().OrderByDescending(v => v.Version)
            .Select(v => new PolicyVersionSummary(v.Version, v.Hash, v.Source, v.ActivatedBy, v.ActivatedAt))
            .ToListAsync(cancellationToken);

    /// <summary>One version with its YAML, or a 404.</summary>
    public async Task<PolicyVersionText> GetAsync(int version, CancellationToken cancellationToken)
    {
        var found = await db.PolicyVersions.AsNoTracking().FirstOrDefaultAsync(v => v.Version == version, cancellationToken)
            ?? throw new NotFoundException($"There is no policy version {version}.");
        return new PolicyVersionText(Summary(found), found.Yaml);
    }

    /// <summary>How version <paramref name="to"/> differs from version <paramref name="from"/>, line by line.</summary>
    public async Task<PolicyVersionDiff> DiffAsync(int from, int to, CancellationToken cancellationToken)
    {
        var older = await GetAsync(from, cancellationToken);
        var newer = await GetAsync(to, cancellationToken);
        return new PolicyVersionDiff(older.Version, newer.Version, LineDiff.Compare(Lines(older.Yaml), Lines(newer.Yaml)));

        static string Lines(string yaml) => yaml.ReplaceLineEndings("\n");
    }

    private static PolicyVersionSummary Summary(PolicyVersion v) => new(v.Version, v.Hash, v.Source, v.ActivatedBy, v.ActivatedAt);

    private Task<PolicyVersion?> LatestAsync(CancellationToken cancellationToken) =>
        db.PolicyVersions.AsNoTracking().OrderByDescending(v => v.Version).FirstOrDefaultAsync(cancellationToken);

    private Task<PolicyVersionSummary> RecordAsync(string yaml, string source, string actor, CancellationToken cancellationToken) =>
        writes.RunAsync(async () =>
        {
            var number = (await db.PolicyVersions.MaxAsync(v => (int?)v.Version, cancellationToken) ?? 0) + 1;
            var version = new PolicyVersion
            {
                Version = number,
                Hash = PolicyLoader.Hash(yaml),
                Yaml = yaml,
                Source = source,
                ActivatedBy = actor,
                ActivatedAt = time.GetUtcNow(),
            };
            db.PolicyVersions.Add(version);
            await audit.RecordAsync(actor, "policy.activated", $"policy:{number}", new { Version = number, version.Hash, version.Source }, cancellationToken);
            return new PolicyVersionSummary(number, version.Hash, version.Source, actor, version.ActivatedAt);
        }, cancellationToken);
}
