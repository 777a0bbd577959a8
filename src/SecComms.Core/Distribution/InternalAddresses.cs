using System.Net;
using System.Net.Sockets;

namespace SecComms.Core.Distribution;

/// <summary>The addresses that lead into the local machine or network rather than to the internet.</summary>
public static class InternalAddresses
{
    private static readonly (IPNetwork Range, string Kind)[] V4 =
    [
        (IPNetwork.Parse("0.0.0.0/8"), "an unspecified address"),
        (IPNetwork.Parse("127.0.0.0/8"), "a loopback address"),
        (IPNetwork.Parse("10.0.0.0/8"), "a private address"),
        (IPNetwork.Parse("172.16.0.0/12"), "a private address"),
        (IPNetwork.Parse("192.168.0.0/16"), "a private address"),
        (IPNetwork.Parse("100.64.0.0/10"), "a carrier-grade NAT address"),
        (IPNetwork.Parse("169.254.0.0/16"), "a link-local address"),
        (IPNetwork.Parse("224.0.0.0/4"), "a multicast address"),
        (IPNetwork.Parse("240.0.0.0/4"), "a reserved or broadcast address"),
    ];

    private static readonly (IPNetwork Range, string Kind)[] V6 =
    [
        (IPNetwork.Parse("::/128"), "an unspecified address"),
        (IPNetwork.Parse("::1/128"), "a loopback address"),
        (IPNetwork.Parse("fe80::/10"), "a link-local address"),
        (IPNetwork.Parse("fec0::/10"), "a site-local address"),
        (IPNetwork.Parse("fc00::/7"), "a unique-local address"),
        (IPNetwork.Parse("ff00::/8"), "a multicast address"),
        (IPNetwork.Parse("64:ff9b:1::/48"), "a local NAT64 address"),
    ];

    /// <summary>What kind of internal address <paramref name="address"/> is, such as "a loopback address"; null for a public one.</summary>
    public static string? Kind(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return In(V4, address);
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return "not an internet address";
        }
        return In(V6, address) ?? (Embedded(address) is { } v4 ? Kind(v4) : null);
    }

    private static string? In((IPNetwork Range, string Kind)[] ranges, IPAddress address) =>
        ranges.Where(r => r.Range.Contains(address)).Select(r => r.Kind).FirstOrDefault();

    /// <summary>
    /// The IPv4 address an IPv6 address leads to: IPv4-mapped (<c>::ffff:a.b.c.d</c>), IPv4-compatible (<c>::a.b.c.d</c>),
    /// NAT64 (<c>64:ff9b::a.b.c.d</c>) and 6to4 (<c>2002:AABB:CCDD::</c>).
    /// </summary>
    private static IPAddress? Embedded(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }
        var bytes = address.GetAddressBytes();
        if (bytes.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0 || bytes.AsSpan(0, 12).SequenceEqual(Nat64))
        {
            return new IPAddress(bytes.AsSpan(12, 4));
        }
        return bytes[0] == 0x20 && bytes[1] == 0x02 ? new IPAddress(bytes.AsSpan(2, 4)) : null;
    }

    private static ReadOnlySpan<byte> Nat64 => [0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0];
}
