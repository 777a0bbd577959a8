namespace SecComms.Core.Releases;

/// <summary>One reason a release cannot be prepared, listed under <c>problems</c> so that a script need not read the prose.</summary>
/// <param name="Vulnerability">The vulnerability at fault ("VULN-3"), or null for the release itself.</param>
/// <param name="Field">The field at fault: the vulnerability's (<c>status</c>, <c>affected[1].fixed</c>) or the release's (<c>versions</c>).</param>
/// <param name="Reason">What is wrong, in words that stand on their own.</param>
public sealed record ReleaseProblem(string? Vulnerability, string Field, string Reason);
