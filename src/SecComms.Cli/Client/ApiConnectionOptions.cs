using System.CommandLine;
using System.Net.Http.Headers;

namespace SecComms.Cli.Client;

/// <summary><c>--url</c> and <c>--token</c> for the commands that go through the HTTP API, falling back to the environment.</summary>
internal sealed class ApiConnectionOptions : IGroupOptions
{
    public const string UrlVariable = "SECCOMMS_URL";
    public const string TokenVariable = "SECCOMMS_TOKEN";
    public const string DefaultUrl = "http://localhost:5080";

    private readonly Option<string> _url = new("--url")
    {
        Description = $"Address of the SecComms server [env: {UrlVariable}; default: {DefaultUrl}].",
        Recursive = true,
    };

    private readonly Option<string> _token = new("--token")
    {
        Description = $"Personal access token [env: {TokenVariable}]. Prefer the variable: other local users can see command lines.",
        Recursive = true,
    };

    public void AddTo(Command group)
    {
        group.Options.Add(_url);
        group.Options.Add(_token);
    }

    /// <param name="parsed">The command line, with <c>--url</c> and <c>--token</c>.</param>
    /// <param name="host">The environment, for the variables and, in tests, the handler.</param>
    /// <param name="timeout">How long a request may take; an upload that the server processes as it reads needs longer than the default.</param>
    public ApiClient Connect(ParseResult parsed, CliHost host, TimeSpan? timeout = null)
    {
        var url = parsed.GetValue(_url) ?? host.Variable(UrlVariable) ?? DefaultUrl;
        if (!Uri.TryCreate(url.TrimEnd('/') + "/", UriKind.Absolute, out var baseAddress)
            || (baseAddress.Scheme != Uri.UriSchemeHttp && baseAddress.Scheme != Uri.UriSchemeHttps))
        {
            throw CliException.Usage($"--url must be an http:// or https:// address, not '{url}'.");
        }
        var token = parsed.GetValue(_token) ?? host.Variable(TokenVariable)
            ?? throw CliException.Usage(
                $"no access token: pass --token or set {TokenVariable}. An administrator creates one with `seccomms users add ... --token`.");

        var http = host.Handler is { } handler ? new HttpClient(handler, disposeHandler: false) : new HttpClient();
        http.BaseAddress = baseAddress;
        http.Timeout = timeout ?? http.Timeout;
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue(SecCommsCommand.Name, typeof(ApiClient).Assembly.GetName().Version?.ToString()));
        return new ApiClient(http);
    }
}
