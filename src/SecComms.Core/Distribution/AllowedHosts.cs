using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace SecComms.Core.Distribution;

/// <summary>The internal host names, addresses and ranges <see cref="WebhookOptions.AllowedInternalHosts"/> lets webhooks reach.</summary>
internal sealed class AllowedHosts(IReadOnlySet<string> names, IReadOnlyList<IPNetwork> ranges)
{
    public bool Names(string normalizedHost) => names.Contains(normalizedHost);

    public bool Covers(IPAddress address)
    {
        var plain = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return ranges.Any(r => r.Contains(plain));
    }

    public static (AllowedHosts Allowed, IReadOnlyList<string> Problems) Parse(IEnumerable<string> entries)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var ranges = new List<IPNetwork>();
        var problems = new List<string>();
        foreach (var entry in entries.Select(e => e.Trim()))
        {
            if (entry.Contains('/', StringComparison.Ordinal) && IPNetwork.TryParse(entry, out var range))
            {
                ranges.Add(range);
            }
            else if (IPAddress.TryParse(entry, out var written))
            {
                var address = written.IsIPv4MappedToIPv6 ? written.MapToIPv4() : written;
                ranges.Add(new IPNetwork(address, address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128));
            }
            else if (Uri.CheckHostName(entry.TrimEnd('.')) == UriHostNameType.Dns)
            {
                names.Add(WebhookDestinations.Normalize(entry));
            }
            else
            {
                problems.Add($"Webhooks:AllowedInternalHosts has '{entry}', which is not a host name, an address or a CIDR range such as 10.20.0.0/16.");
            }
        }
        return (new AllowedHosts(names, ranges), problems);
    }
}

internal sealed class WebhookOptionsValidator : IValidateOptions<WebhookOptions>
{
    public ValidateOptionsResult Validate(string? name, WebhookOptions options) =>
        AllowedHosts.Parse(options.AllowedInternalHosts).Problems is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
}
