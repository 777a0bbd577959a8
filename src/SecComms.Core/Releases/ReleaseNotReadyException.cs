using SecComms.Core.Errors;

namespace SecComms.Core.Releases;

/// <summary>One reason a release cannot be prepared.</summary>
/// <param name="Vulnerability">The vulnerability at fault ("VULN-3"), or null for the release itself.</param>
/// <param name="Field">The field at fault: the vulnerability's (<c>status</c>, <c>affected[1].fixed</c>) or the release's (<c>versions</c>).</param>
/// <param name="Reason">What is wrong, in words that stand on their own.</param>
public sealed record ReleaseProblem(string? Vulnerability, string Field, string Reason);

/// <summary>
/// The release cannot be prepared yet: a conflict with its current state, with every problem listed so that a script
/// learns which vulnerability and field to fix without reading the prose.
/// </summary>
public sealed class ReleaseNotReadyException(string releaseReference, IReadOnlyList<ReleaseProblem> problems)
    : SecCommsException("The release cannot be prepared", $"{releaseReference} cannot be prepared: {string.Join(" ", problems.Select(p => p.Reason))}")
{
    public IReadOnlyList<ReleaseProblem> Problems { get; } = problems;
}
