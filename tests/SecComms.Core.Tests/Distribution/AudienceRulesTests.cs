using SecComms.Core.Distribution;

namespace SecComms.Core.Tests.Distribution;

public sealed class AudienceRulesTests
{
    [Theory]
    [InlineData("Ada@Example.COM", "ada@example.com")]
    [InlineData("  first.last+tag@sub.example.org ", "first.last+tag@sub.example.org")]
    [InlineData("not-an-address", null)]
    [InlineData("a@b", null)]
    [InlineData(".ada@example.com", null)]
    [InlineData("ada..lovelace@example.com", null)]
    [InlineData("ada@-example.com", null)]
    [InlineData("Ada <ada@example.com>", null)]
    [InlineData("", null)]
    public void Addresses_are_accepted_as_a_relay_would_and_stored_in_lower_case(string input, string? stored) =>
        Assert.Equal(stored, AudienceValues.Email(input));

    [Theory]
    [InlineData("enterprise", true)]
    [InlineData("Enterprise!", false)]
    [InlineData("import", false)]
    [InlineData("contacts", false)]
    [InlineData("9lives", false)]
    public void Segment_keys_are_slugs_that_no_page_uses(string key, bool valid) => Assert.Equal(valid, AudienceValues.IsKey(key));

    [Fact]
    public void The_backoff_doubles_from_the_retry_delay_up_to_its_cap_with_jitter_over_the_upper_half()
    {
        var options = new DistributionOptions { RetryDelay = TimeSpan.FromSeconds(30), MaxRetryDelay = TimeSpan.FromMinutes(10) };

        Assert.Equal(TimeSpan.FromSeconds(15), options.Backoff(1, 0));
        Assert.Equal(TimeSpan.FromSeconds(30), options.Backoff(1, 1));
        Assert.Equal(TimeSpan.FromSeconds(120), options.Backoff(3, 1));
        Assert.Equal(TimeSpan.FromMinutes(10), options.Backoff(12, 1));
        Assert.Equal(TimeSpan.FromMinutes(5), options.Backoff(12, 0));
        Assert.Equal(2 * options.OutcomeBatch + options.Concurrency, options.InFlightBound);
    }

    [Fact]
    public void Placeholders_are_filled_per_recipient_and_text_without_them_goes_as_approved()
    {
        var message = PersonalMessage.Prepare("Update for {{ organization.name }}", "Hello {{ recipient.name }}, you run {{ organization.product_version }}; fixed in {{ fixed_versions }}.",
            fixedVersions: "16.4.3");

        Assert.Equal(("Update for Acme", "Hello Ada, you run 16.4.2; fixed in 16.4.3."), message.Render(new Recipient("Ada", "ada@acme.example", "Acme", "16.4.2")));
        Assert.Equal(("{ not liquid", "As approved."), PersonalMessage.Prepare("{ not liquid", "As approved.").Render(new Recipient("Ada", "a@b.example", null, null)));
    }

    [Fact]
    public void A_broken_placeholder_is_refused_before_anything_is_sent()
    {
        var refused = Assert.Throws<Errors.ConflictException>(() => PersonalMessage.Prepare("Subject", "Hello {{ recipient.name "));
        Assert.Contains("not valid Liquid", refused.Message, StringComparison.Ordinal);
    }
}
