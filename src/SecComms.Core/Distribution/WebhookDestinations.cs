using System.Net;
using Microsoft.Extensions.Options;

namespace SecComms.Core.Distribution;

/// <summary>
/// The one rule of where a webhook may point: a public address, or a host name, address or range that
/// <see cref="WebhookOptions.AllowedInternalHosts"/> allows.
/// </summary>
/// <remarks>
/// A webhook's manager chooses its address, and SecComms posts to it from inside the company's network: an internal
/// address would let them reach, and probe, what only SecComms can reach. The address is judged as written when a webhook
/// is saved (<see cref="Refusal"/>), and as resolved each time an event is sent (<see cref="ResolveAsync"/>), where the
/// addresses judged are the ones connected to.
/// </remarks>
public sealed class WebhookDestinations(IOptions<WebhookOptions> options)
{
    private const string HowToAllow = "which webhooks may not reach unless Webhooks:AllowedInternalHosts allows it";

    private readonly AllowedHosts _allowed = AllowedHosts.Parse(options.Value.AllowedInternalHosts).Allowed;

    /// <summary>Why a webhook may not point at <paramref name="url"/> as it is written, or null when it may.</summary>
    /// <remarks>
    /// The host is read as the HTTP client will: the URL parser's ASCII form, with every numeric spelling of an address
    /// (<c>2130706433</c>, <c>0x7f.1</c>, <c>127.1</c>) already turned into the address it means.
    /// </remarks>
    public string? Refusal(Uri url)
    {
        var host = Normalize(url.HostNameType == UriHostNameType.IPv6 ? url.Host : url.IdnHost);
        if (_allowed.Names(host))
        {
            return null;
        }
        if (IPAddress.TryParse(host, out var address))
        {
            return Refused(address) is { } kind ? $"url leads to {address}, {kind}, {HowToAllow}." : null;
        }
        return NamesThisMachine(host) ? $"url names this machine ({host}), {HowToAllow}." : null;
    }

    /// <summary>
    /// The addresses <paramref name="host"/> resolves to, every one of them allowed; if any is not, nothing is connected to.
    /// </summary>
    /// <exception cref="WebhookDestinationRefusedException">An address it resolves to is internal and not allowed.</exception>
    public async Task<IReadOnlyList<IPAddress>> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        var name = Normalize(host);
        var addresses = IPAddress.TryParse(name, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(name, cancellationToken);
        if (_allowed.Names(name))
        {
            return addresses;
        }
        foreach (var address in addresses)
        {
            if (Refused(address) is { } kind)
            {
                throw new WebhookDestinationRefusedException($"{host} resolves to {address}, {kind}, {HowToAllow}.");
            }
        }
        return addresses;
    }

    private string? Refused(IPAddress address) => _allowed.Covers(address) ? null : InternalAddresses.Kind(address);

    /// <summary>The names every resolver answers with this machine itself (RFC 6761 and the usual hosts file).</summary>
    private static bool NamesThisMachine(string name) =>
        name is "localhost" or "localhost.localdomain" or "ip6-localhost" or "ip6-loopback" || name.EndsWith(".localhost", StringComparison.Ordinal);

    /// <summary>A host as resolvers compare it: lower case, without brackets, an IPv6 zone or trailing dots.</summary>
    internal static string Normalize(string host)
    {
        var name = host.Trim('[', ']').TrimEnd('.').ToLowerInvariant();
        var zone = name.IndexOf('%', StringComparison.Ordinal);
        return zone > 0 && name.Contains(':', StringComparison.Ordinal) ? name[..zone] : name;
    }
}

/// <summary>A webhook's host resolved to an address it may not reach; nothing was connected to.</summary>
public sealed class WebhookDestinationRefusedException(string message) : Exception(message);
