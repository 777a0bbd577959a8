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

    /// <summary>
    /// Refuses control characters (NUL, escape sequences and the like), which no channel can carry and which would reach
    /// databases and terminals verbatim. Multi-line text may keep line breaks (as browsers send them, CR LF) and tabs.
    /// </summary>
    public Validation PlainText(string? value, string field, bool multiline = false) =>
        Require(value is null || !value.Any(c => char.IsControl(c) && !(multiline && c is '\n' or '\r' or '\t')), field,
            multiline ? $"{field} must not contain control characters other than line breaks and tabs." : $"{field} must not contain control characters.");

    public void ThrowIfInvalid()
    {
        if (_errors.Count > 0)
        {
            throw new ValidationException(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
        }
    }
}
