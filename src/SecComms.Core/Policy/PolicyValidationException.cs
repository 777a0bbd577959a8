using SecComms.Core.Errors;

namespace SecComms.Core.Policy;

/// <summary>A policy refused as a whole: every problem under <c>policy</c>, and each with its line for a page to show beside it.</summary>
public sealed class PolicyValidationException(IReadOnlyList<PolicyProblem> problems)
    : ValidationException(new Dictionary<string, string[]> { ["policy"] = [.. problems.Select(p => p.ToString())] })
{
    public IReadOnlyList<PolicyProblem> Problems { get; } = problems;
}
