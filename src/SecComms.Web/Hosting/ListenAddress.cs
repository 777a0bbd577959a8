namespace SecComms.Web.Hosting;

/// <summary>Where the host listens, as a base address for development, where nobody has set <c>SecComms:BaseUrl</c>.</summary>
internal static class ListenAddress
{
    /// <summary>Kestrel's own default when no address is given.</summary>
    private const string KestrelDefault = "http://localhost:5000";

    /// <summary>
    /// The first of the addresses in <c>urls</c> (from <c>--urls</c>, <c>ASPNETCORE_URLS</c> or the <c>Urls</c> setting), as
    /// a browser on the same machine reaches it: a host that means "every interface" becomes <c>localhost</c>.
    /// </summary>
    public static Uri? First(string? urls)
    {
        var first = (string.IsNullOrWhiteSpace(urls) ? KestrelDefault : urls)
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        if (first is null)
        {
            return null;
        }
        foreach (var anyHost in new[] { "://*", "://+", "://0.0.0.0", "://[::]" })
        {
            first = first.Replace(anyHost, "://localhost", StringComparison.Ordinal);
        }
        return Uri.TryCreate(first, UriKind.Absolute, out var uri) ? uri : null;
    }
}
