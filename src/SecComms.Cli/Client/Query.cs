namespace SecComms.Cli.Client;

/// <summary>A URL query string built from the options given; those left out are left out of it too.</summary>
internal sealed class Query
{
    private readonly List<string> _parts = [];

    public Query Add(string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            _parts.Add($"{name}={Uri.EscapeDataString(value)}");
        }
        return this;
    }

    /// <summary>A copy with one more value, so a page's cursor never sticks to the query it came from.</summary>
    public Query With(string name, string? value)
    {
        var copy = new Query();
        copy._parts.AddRange(_parts);
        return copy.Add(name, value);
    }

    /// <summary><c>?a=1&amp;b=2</c>, or nothing when no value was given.</summary>
    public override string ToString() => _parts.Count == 0 ? "" : "?" + string.Join('&', _parts);
}
