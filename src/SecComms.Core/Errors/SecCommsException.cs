namespace SecComms.Core.Errors;

/// <summary>A refusal by a business rule, carried to the edge and turned into a ProblemDetails there.</summary>
public abstract class SecCommsException(string title, string detail) : Exception(detail)
{
    public string Title { get; } = title;
}

/// <summary>The thing does not exist, or the caller may not know that it exists.</summary>
public sealed class NotFoundException(string detail) : SecCommsException("Not found", detail);

/// <summary>The request is well-formed but its values break the rules; <see cref="Errors"/> names each field.</summary>
public class ValidationException(IReadOnlyDictionary<string, string[]> errors)
    : SecCommsException("The request is not valid", string.Join(" ", errors.SelectMany(e => e.Value)))
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;

    public static ValidationException For(string field, string message) => new(new Dictionary<string, string[]> { [field] = [message] });
}

/// <summary>The request conflicts with the current state (a duplicate, a state that forbids it).</summary>
/// <param name="detail">What conflicts, in words.</param>
/// <param name="problems">When several things conflict, each of them, for a client to act on one by one.</param>
public sealed class ConflictException(string detail, IReadOnlyList<object>? problems = null) : SecCommsException("Conflict", detail)
{
    public IReadOnlyList<object>? Problems { get; } = problems;
}

/// <summary>The caller edited from a revision that is no longer the current one.</summary>
public sealed class StaleRevisionException(string detail) : SecCommsException("Stale revision", detail);

/// <summary>The caller is known but not allowed to do this.</summary>
public sealed class ForbiddenException(string detail) : SecCommsException("Forbidden", detail);
