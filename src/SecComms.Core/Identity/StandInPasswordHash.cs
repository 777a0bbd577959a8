using Microsoft.AspNetCore.Identity;

namespace SecComms.Core.Identity;

/// <summary>A hash of a random password, checked when an attempt has no real hash to check.</summary>
/// <remarks>
/// Made with the configured hasher and settings, so checking it costs as much time as checking a real one; and made when
/// the first sign-in of any kind needs it, so no later attempt pays for making it.
/// </remarks>
public sealed class StandInPasswordHash(IPasswordHasher<User> hasher)
{
    public string Hash { get; } = hasher.HashPassword(new User { Email = "", NormalizedEmail = "", Name = "" }, Guid.NewGuid().ToString());
}
