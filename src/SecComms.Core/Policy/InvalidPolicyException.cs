namespace SecComms.Core.Policy;

/// <summary>One problem of a policy, at the line of its YAML source where it is.</summary>
public sealed record PolicyProblem(string Source, long Line, string Message)
{
    public override string ToString() => $"{Source}, line {Line}: {Message}";
}

/// <summary>A policy that cannot be used; each error names the source, the line and the problem.</summary>
public sealed class InvalidPolicyException(IReadOnlyList<PolicyProblem> problems) : Exception(string.Join(Environment.NewLine, problems))
{
    public IReadOnlyList<PolicyProblem> Problems { get; } = problems;

    public IReadOnlyList<string> Errors { get; } = [.. problems.Select(p => p.ToString())];
}
