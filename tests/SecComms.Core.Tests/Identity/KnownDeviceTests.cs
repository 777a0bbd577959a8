using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SecComms.Core.Identity;

namespace SecComms.Core.Tests.Identity;

public sealed class KnownDeviceTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly EphemeralDataProtectionProvider _keys = new();

    [Fact]
    public void A_token_names_the_person_it_was_issued_to_until_it_is_too_old()
    {
        var devices = Devices(_keys);
        var alice = Guid.CreateVersion7();

        var token = devices.Issue(alice);

        Assert.Equal(alice, devices.UserOf(token));
        _time.Advance(TimeSpan.FromDays(180) - TimeSpan.FromSeconds(1));
        Assert.Equal(alice, devices.UserOf(token));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(devices.UserOf(token));
    }

    [Fact]
    public void A_forged_damaged_or_foreign_token_names_no_one()
    {
        var devices = Devices(_keys);
        var token = devices.Issue(Guid.CreateVersion7());
        var otherPurpose = _keys.CreateProtector("SecComms.Something.Else").Protect($"{Guid.CreateVersion7():N}.{_time.GetUtcNow().ToUnixTimeSeconds()}");

        Assert.Null(devices.UserOf(null));
        Assert.Null(devices.UserOf(""));
        Assert.Null(devices.UserOf("not a token"));
        Assert.Null(devices.UserOf("%%%"));
        Assert.Null(devices.UserOf(token[..^4] + (token[^4..] == "AAAA" ? "BBBB" : "AAAA")));
        Assert.Null(devices.UserOf(otherPurpose));
        Assert.Null(Devices(new EphemeralDataProtectionProvider()).UserOf(token));
    }

    private KnownDevices Devices(IDataProtectionProvider keys) => new(keys, Options.Create(new AccountOptions()), _time);
}
