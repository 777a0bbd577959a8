using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using IPNetwork = System.Net.IPNetwork;

namespace SecComms.Web.Hosting;

/// <summary>The reverse proxies in front of SecComms; bound from the <c>Proxies</c> configuration section.</summary>
public sealed class ProxyOptions
{
    public const string Section = "Proxies";

    /// <summary>
    /// Addresses or networks (<c>10.0.0.0/8</c>) of proxies whose <c>X-Forwarded-For</c> names the client. Empty trusts
    /// none: the client is the address that connected.
    /// </summary>
    public List<string> Trusted { get; set; } = [];
}

/// <summary>
/// Takes the client address from <c>X-Forwarded-For</c> when, and only when, the connection comes from a trusted proxy.
/// The sign-in throttles count failures per client address, so behind a proxy that is not trusted every person would be
/// one client and one stranger's failures would delay everyone.
/// </summary>
public static class TrustedProxies
{
    public static IServiceCollection AddTrustedProxies(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ProxyOptions>()
            .Bind(configuration.GetSection(ProxyOptions.Section))
            .Validate(o => o.Trusted.All(entry => TryParse(entry, out _)),
                $"{ProxyOptions.Section}:Trusted must list IP addresses or networks, such as 10.0.0.5 or 10.0.0.0/8.")
            .ValidateOnStart();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ProxyOptions>>((forwarded, proxies) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor;
            forwarded.ForwardLimit = null;
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var entry in proxies.Value.Trusted)
            {
                if (TryParse(entry, out var network))
                {
                    forwarded.KnownIPNetworks.Add(network);
                }
            }
        });
        return services;
    }

    /// <summary>Goes first, before anything reads the client address.</summary>
    public static IApplicationBuilder UseTrustedProxies(this IApplicationBuilder app) =>
        app.ApplicationServices.GetRequiredService<IOptions<ProxyOptions>>().Value.Trusted.Count > 0 ? app.UseForwardedHeaders() : app;

    private static bool TryParse(string entry, out IPNetwork network)
    {
        if (IPAddress.TryParse(entry, out var address))
        {
            network = new IPNetwork(address, address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128);
            return true;
        }
        return IPNetwork.TryParse(entry, out network);
    }
}
