using System.Security.Claims;
using Scheduler.Service.Tenancy;

namespace Scheduler.UnitTests.Service.Tenancy;

public sealed class ApiKeyActorTests
{
    static readonly Guid KeyId = Guid.Parse("0191f2a4-7c1e-7b3a-9d2e-5f6a7b8c9d0e");

    static ClaimsPrincipal Principal(string? key, string? name)
    {
        var claims = new List<Claim>();
        if (key is not null)
            claims.Add(new Claim(ApiKeyAuthentication.KeyClaim, key));
        if (name is not null)
            claims.Add(new Claim(ApiKeyAuthentication.KeyNameClaim, name));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, ApiKeyAuthentication.Scheme));
    }

    [Fact]
    public void A_stored_key_is_named_by_its_name_and_id()
    {
        var user = Principal(KeyId.ToString("N"), "ci-bot");

        Assert.Equal("key:ci-bot:0191f2a4-7c1e-7b3a-9d2e-5f6a7b8c9d0e", ApiKeyActor.Of(user));
        Assert.Equal("dashboard:ci-bot:0191f2a4-7c1e-7b3a-9d2e-5f6a7b8c9d0e", ApiKeyActor.OfDashboard(user));
    }

    [Theory]
    [InlineData(ApiKeyActor.AdminKey, "key:admin", "dashboard:admin")]
    [InlineData(ApiKeyActor.OpenKey, "key:open", "dashboard:open")]
    public void The_configured_admin_key_and_the_open_api_are_named_for_what_they_are(string key, string rest, string dashboard)
    {
        var user = Principal(key, key);

        Assert.Equal(rest, ApiKeyActor.Of(user));
        Assert.Equal(dashboard, ApiKeyActor.OfDashboard(user));
    }

    [Fact]
    public void A_name_with_colons_keeps_the_id_last()
    {
        var actor = ApiKeyActor.Of(Principal(KeyId.ToString("N"), "team:ops"));

        Assert.Equal($"key:team:ops:{KeyId}", actor);
        Assert.EndsWith(KeyId.ToString(), actor, StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_name_is_cut_so_that_the_actor_fits_the_audit_column()
    {
        var actor = ApiKeyActor.OfDashboard(Principal(KeyId.ToString("N"), new string('n', 200)));

        Assert.True(actor.Length <= 200, $"{actor.Length} characters");
        Assert.Equal($"dashboard:{new string('n', ApiKeyActor.MaxNameLength)}:{KeyId}", actor);
    }

    [Fact]
    public void A_principal_without_a_key_is_anonymous_never_the_constant_api()
    {
        Assert.Equal("key:anonymous", ApiKeyActor.Of(new ClaimsPrincipal(new ClaimsIdentity())));
    }
}
