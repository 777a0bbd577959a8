namespace SecComms.Core.Policy;

/// <summary>A policy that cannot be used; each error names the source, the line and the problem.</summary>
public sealed class InvalidPolicyException(IReadOnlyList<string> errors) : Exception(string.Join(Environment.NewLine, errors))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}
