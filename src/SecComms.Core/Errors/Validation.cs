namespace SecComms.Core.Errors;

/// <summary>Collects field errors and throws them together, so a caller learns every problem at once.</summary>
public sealed class Validation
{
    private readonly Dictionary<string, List<string>> _errors = [];

    public Validation Require(bool condition, string field, string message)
    {
        if (!condition)
        {
            if (!_errors.TryGetValue(field, out var list))
            {
                _errors[field] = list = [];
            }
            list.Add(message);
        }
        return this;
    }

    public Validation MaxLength(string? value, int max, string field) =>
        Require(value is null || value.Length <= max, field, $"{field} must be at most {max:N0} characters (it has {value?.Length:N0}).");

    public void ThrowIfInvalid()
    {
        if (_errors.Count > 0)
        {
            throw new ValidationException(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
        }
    }
}
