using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using SecComms.Core.Communications;
using SecComms.Core.Data;
using SecComms.Core.Errors;
using SecComms.Core.Vulnerabilities;
using SecComms.Core.Workflow;

namespace SecComms.Core.Releases;

/// <summary>
/// Holds a release's generated communications to its vulnerability records: every CVE id, CVSS vector and score,
/// fixed version and credit a blog post, customer email or advisory states must be the record's, and the ones it is
/// there to state must be present. Each is compared with the records, so all of them agree with each other.
/// </summary>
public sealed partial class ReleaseConsistency(SecCommsDb db)
{
    /// <summary>Everything in the release that disagrees, with where.</summary>
    public async Task<IReadOnlyList<ConsistencyFinding>> CheckAsync(Guid releaseId, CancellationToken cancellationToken)
    {
        var release = await db.SecurityReleases.AsNoTracking().FirstAsync(r => r.Id == releaseId, cancellationToken);
        var vulnerabilities = await db.Vulnerabilities.AsNoTracking().Where(v => v.ReleaseId == releaseId).OrderBy(v => v.Number).ToListAsync(cancellationToken);
        return await CheckAsync(release, vulnerabilities, cancellationToken);
    }

    /// <summary>The same, for a release whose vulnerabilities the caller has read already.</summary>
    internal async Task<IReadOnlyList<ConsistencyFinding>> CheckAsync(SecurityRelease release, IReadOnlyList<Vulnerability> vulnerabilities,
        CancellationToken cancellationToken)
    {
        var generated = await (from c in db.Communications.AsNoTracking().Where(c => c.ReleaseId == release.Id && c.ReleasePart != null)
                               join r in db.Revisions.AsNoTracking() on new { Id = c.Id, Number = c.CurrentRevision } equals new { Id = r.CommunicationId, r.Number }
                               orderby c.Number
                               select new { Communication = c, Revision = r }).ToListAsync(cancellationToken);
        var findings = RecordFindings(release, vulnerabilities).ToList();
        foreach (var current in generated)
        {
            findings.AddRange(CommunicationFindings(current.Communication, current.Revision.Content, release, vulnerabilities));
        }
        return findings;
    }

    /// <summary>
    /// Refuses to approve or publish a generated communication while it, or the records it is generated from, disagree.
    /// </summary>
    public async Task RequireConsistentAsync(Communication communication, string action, CancellationToken cancellationToken)
    {
        if (communication.ReleaseId is not { } releaseId || communication.ReleasePart is null)
        {
            return;
        }
        var blocking = (await CheckAsync(releaseId, cancellationToken))
            .Where(f => f.Communication is null || f.Communication == communication.Reference)
            .ToList();
        if (blocking.Count > 0)
        {
            throw new ConflictException(
                $"{communication.Reference} cannot be {action} while it disagrees with the vulnerability records: {string.Join(" ", blocking.Select(f => f.Message))}");
        }
    }

    /// <summary>
    /// What the records themselves get wrong: a vulnerability without affected ranges, or one of the release's product
    /// fixed in a version the release neither ships nor follows in that minor line. A vulnerability of another product or
    /// component is fixed in versions of its own.
    /// </summary>
    internal static IEnumerable<ConsistencyFinding> RecordFindings(SecurityRelease release, IReadOnlyList<Vulnerability> vulnerabilities)
    {
        var product = ReleaseFixes.ProductOf(release, vulnerabilities);
        foreach (var v in vulnerabilities)
        {
            if (v.Affected.Count == 0)
            {
                yield return new(null, v.Reference, $"{v.Reference} has no affected version ranges.", "affected");
            }
            if (ReleaseFixes.IsOtherProduct(product, v) || release.Versions.Count == 0)
            {
                continue;
            }
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < v.Affected.Count; i++)
            {
                var version = v.Affected[i].Fixed;
                var message = !seen.Add(version) ? null : ReleaseFixes.Place(release, version) switch
                {
                    FixPlace.Later => $"{v.Reference} is fixed in {version}, after {ReleaseFixes.ShippedInLineOf(release, version)}, "
                        + $"the version {release.Reference} ships in the {ProductVersions.MinorLine(version)} line.",
                    FixPlace.NotShipped => $"{v.Reference} is fixed in {version}, which {release.Reference} does not ship (it ships {ShipsText(release)}).",
                    _ => null,
                };
                if (message is not null)
                {
                    yield return new(null, v.Reference, message, $"affected[{i}].fixed");
                }
            }
        }
    }

    private static IEnumerable<ConsistencyFinding> CommunicationFindings(Communication communication, CommunicationContent content, SecurityRelease release,
        IReadOnlyList<Vulnerability> all)
    {
        var text = string.Join("\n", content.Title, content.Body, content.EmailSubject, content.EmailBody, content.ShortText);
        var inScope = communication.ReleasePart == ReleasePart.Advisory ? [.. all.Where(v => v.Id == communication.VulnerabilityId)] : all;
        var where = $"{communication.Reference} ({Describe(communication.ReleasePart!.Value)})";
        var statesDetails = communication.ReleasePart != ReleasePart.CustomerEmail;
        return Compare(where, communication.Reference, text, release, inScope, statesDetails);
    }

    internal static IEnumerable<ConsistencyFinding> Compare(string where, string reference, string text, SecurityRelease release,
        IReadOnlyList<Vulnerability> inScope, bool statesDetails)
    {
        var findings = new List<ConsistencyFinding>();
        void Add(Vulnerability? v, string message) => findings.Add(new(reference, v?.Reference, $"{where} {message}"));

        var cves = CvePattern().Matches(text).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
        foreach (var cve in cves.Where(c => !inScope.Any(v => v.CveId == c)).Order(StringComparer.Ordinal))
        {
            Add(null, $"mentions {cve}, which is not the CVE id of {Scope(inScope)}.");
        }
        foreach (var v in inScope.Where(v => v.CveId is not null && !cves.Contains(v.CveId)))
        {
            Add(v, $"does not mention {v.CveId}, the CVE id of {v.Reference}.");
        }

        var vectors = VectorPattern().Matches(text).Select(m => (m.Value, m.Index + m.Length)).ToList();
        var known = inScope.SelectMany(v => new[] { (Vector: v.Cvss31Vector, Score: v.Cvss31Score, V: v), (Vector: v.Cvss40Vector, Score: v.Cvss40Score, V: v) })
            .Where(x => x.Vector is not null).ToList();
        foreach (var (vector, end) in vectors)
        {
            var match = known.FirstOrDefault(k => k.Vector == vector);
            if (match.Vector is null)
            {
                Add(null, $"gives the CVSS vector {vector}, which is not a vector of {Scope(inScope)}.");
                continue;
            }
            var stated = ScorePattern().Match(LineRest(text, end));
            if (stated.Success && stated.Value != ReleaseTemplateModel.Score(match.Score!.Value))
            {
                Add(match.V, $"gives {stated.Value} as the score of {vector} ({match.V.Reference}); the vector scores {ReleaseTemplateModel.Score(match.Score.Value)}.");
            }
        }
        foreach (var (vector, score, v) in known)
        {
            if (statesDetails && !vectors.Any(x => x.Value == vector))
            {
                Add(v, $"does not give {v.Reference}'s CVSS vector {vector}.");
            }
            foreach (var stated in StatedScores(text, v, vector!))
            {
                if (stated != ReleaseTemplateModel.Score(score!.Value))
                {
                    Add(v, $"gives {stated} as {v.Reference}'s CVSS {VersionOf(vector!)} score; its vector scores {ReleaseTemplateModel.Score(score.Value)}.");
                }
            }
        }

        var versions = VersionPattern().Matches(text).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
        var expected = statesDetails ? inScope.SelectMany(v => v.FixedVersions) : release.Versions;
        foreach (var version in expected.Distinct().Where(x => !versions.Contains(x)))
        {
            Add(inScope.FirstOrDefault(v => v.FixedVersions.Contains(version)), $"does not name the fixed version {version}.");
        }
        if (statesDetails)
        {
            foreach (var v in inScope)
            {
                foreach (var credit in v.Credits.Where(c => !text.Contains(c.Name, StringComparison.Ordinal)))
                {
                    Add(v, $"does not credit {credit.Name} for {v.Reference}.");
                }
            }
        }
        return findings;
    }

    /// <summary>"CVSS v3.1 8.1" stated on a line that names the vulnerability's CVE id or title.</summary>
    private static IEnumerable<string> StatedScores(string text, Vulnerability v, string vector)
    {
        var label = VersionOf(vector) == "3.1" ? "CVSS v3.1" : "CVSS v4.0";
        foreach (var line in text.Split('\n').Where(l => (v.CveId is not null && l.Contains(v.CveId, StringComparison.Ordinal)) || l.Contains(v.Title, StringComparison.Ordinal)))
        {
            var at = line.IndexOf(label + " ", StringComparison.Ordinal);
            if (at >= 0 && ScorePattern().Match(line[(at + label.Length)..]) is { Success: true } score && score.Index <= 2)
            {
                yield return score.Value;
            }
        }
    }

    private static string VersionOf(string vector) => vector.StartsWith("CVSS:4.0/", StringComparison.Ordinal) ? "4.0" : "3.1";

    private static string LineRest(string text, int from)
    {
        var end = text.IndexOf('\n', from);
        return end < 0 ? text[from..] : text[from..end];
    }

    private static string Scope(IReadOnlyList<Vulnerability> inScope) =>
        inScope.Count == 1 ? inScope[0].Reference : $"any of {EnglishList.Join([.. inScope.Select(v => v.Reference)])}";

    private static string ShipsText(SecurityRelease release) => release.Versions.Count == 0 ? "no versions yet" : EnglishList.Join(release.Versions);

    public static string Describe(ReleasePart part) => AuditNames.Of(part).Replace('-', ' ');

    [GeneratedRegex(@"CVE-\d{4}-\d{4,19}", RegexOptions.CultureInvariant)]
    private static partial Regex CvePattern();

    [GeneratedRegex(@"CVSS:(?:3\.1|4\.0)(?:/[A-Za-z]+:[A-Za-z]+)+", RegexOptions.CultureInvariant)]
    private static partial Regex VectorPattern();

    [GeneratedRegex(@"\b(?:10\.0|\d\.\d)\b", RegexOptions.CultureInvariant)]
    private static partial Regex ScorePattern();

    [GeneratedRegex(@"(?<![\w.])\d+(?:\.\d+){1,3}(?![\w]|\.\d)", RegexOptions.CultureInvariant)]
    private static partial Regex VersionPattern();
}
