using System.Net;
using System.Net.Sockets;

namespace SecComms.Core.Distribution;

/// <summary>The HTTP client webhooks are sent with, shared by the node so connections are reused.</summary>
/// <remarks>
/// Every connection is opened to an address <see cref="WebhookDestinations"/> has just allowed, resolved once, so a name
/// that answers differently the second time (DNS rebinding) cannot switch it. It goes direct, never through a proxy, and
/// follows no redirect: either would connect to somewhere that was not checked.
/// </remarks>
public sealed class WebhookClient
{
    public WebhookClient(WebhookDestinations destinations)
    {
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AllowAutoRedirect = false,
            UseProxy = false,
            ConnectCallback = (context, cancellationToken) => ConnectAsync(destinations, context.DnsEndPoint, cancellationToken),
        };
        Http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(15) };
    }

    public HttpClient Http { get; }

    private static async ValueTask<Stream> ConnectAsync(WebhookDestinations destinations, DnsEndPoint endpoint, CancellationToken cancellationToken)
    {
        SocketException? last = null;
        foreach (var address in await destinations.ResolveAsync(endpoint.Host, cancellationToken))
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(address, endpoint.Port, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                last = e;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
        throw last ?? new SocketException((int)SocketError.HostNotFound);
    }
}
