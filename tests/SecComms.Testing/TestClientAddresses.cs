using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace SecComms.Testing;

/// <summary>
/// Gives a request the client address a test named in <see cref="SecCommsApp.ClientAddressHeader"/>, as a connection
/// from that address would: TestServer has no network connection to take one from.
/// </summary>
internal sealed class TestClientAddresses : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, rest) =>
        {
            if (IPAddress.TryParse(context.Request.Headers[SecCommsApp.ClientAddressHeader].ToString(), out var address))
            {
                context.Connection.RemoteIpAddress = address;
            }
            return rest(context);
        });
        next(app);
    };
}
