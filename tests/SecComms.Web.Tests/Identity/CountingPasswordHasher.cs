using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using SecComms.Core.Identity;

namespace SecComms.Web.Tests.Identity;

/// <summary>The product's own <see cref="PasswordHasher{TUser}"/>, counting how often a password is checked.</summary>
internal sealed class CountingPasswordHasher(IOptions<PasswordHasherOptions> options) : IPasswordHasher<User>
{
    private readonly PasswordHasher<User> _hasher = new(options);
    private int _verifications;

    public int Verifications => Volatile.Read(ref _verifications);

    public string HashPassword(User user, string password) => _hasher.HashPassword(user, password);

    public PasswordVerificationResult VerifyHashedPassword(User user, string hashedPassword, string providedPassword)
    {
        Interlocked.Increment(ref _verifications);
        return _hasher.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }
}
