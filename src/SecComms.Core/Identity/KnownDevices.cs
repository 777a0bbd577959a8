using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace SecComms.Core.Identity;

/// <summary>
/// The signed token a browser keeps after its person signed in on it: proof that this browser is a device the account
/// knows, which lets that person's right password through while failures from everywhere else delay the account.
/// </summary>
/// <remarks>
/// Protected with the data protection keys every web node shares, so any node accepts it and no one can make one. It
/// carries the person and when it was issued, checked against <see cref="AccountOptions.KnownDeviceLifetime"/>.
/// </remarks>
public sealed class KnownDevices(IDataProtectionProvider protection, IOptions<AccountOptions> options, TimeProvider time)
{
    private readonly IDataProtector _protector = protection.CreateProtector("SecComms.Identity.KnownDevice.v1");

    public string Issue(Guid userId) =>
        _protector.Protect(string.Create(CultureInfo.InvariantCulture, $"{userId:N}.{time.GetUtcNow().ToUnixTimeSeconds()}"));

    /// <summary>The person a token was issued to, or null when it is missing, forged, damaged or too old.</summary>
    public Guid? UserOf(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }
        string payload;
        try
        {
            payload = _protector.Unprotect(token);
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            return null;
        }
        var parts = payload.Split('.');
        var issued = parts.Length == 2 && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : DateTimeOffset.MinValue;
        return Guid.TryParseExact(parts[0], "N", out var userId) && issued + options.Value.KnownDeviceLifetime > time.GetUtcNow() ? userId : null;
    }
}
