using System.Security.Cryptography;
using System.Text;

namespace SecComms.Core.Distribution;

/// <summary>
/// The token in a recipient's acknowledgement link: the delivery's number and an HMAC of it under the dispatch's
/// secret, so links need no stored secret per recipient and cannot be made up for someone else.
/// </summary>
public static class AcknowledgementTokens
{
    public static string For(string dispatchSecret, long deliveryId) => $"{deliveryId}.{Mac(dispatchSecret, deliveryId)}";

    public static long? DeliveryOf(string token)
    {
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 && long.TryParse(token.AsSpan(0, dot), out var id) ? id : null;
    }

    public static bool Verify(string dispatchSecret, long deliveryId, string token) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(For(dispatchSecret, deliveryId)), Encoding.ASCII.GetBytes(token));

    private static string Mac(string secret, long deliveryId) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"ack:{deliveryId}")))[..32];
}
