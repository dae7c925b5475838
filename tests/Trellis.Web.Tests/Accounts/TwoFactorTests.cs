using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Trellis.Cases;
using Trellis.Web.Components.Pages.Account;

namespace Trellis.Web.Tests.Accounts;

/// <summary>The optional second factor: an authenticator app's codes (TOTP, RFC 6238), as Identity checks them.</summary>
public sealed partial class TwoFactorTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task WithAnAuthenticator_TheSignInAsksForItsCode_AndAWrongCodeIsRefused()
    {
        using var app = new TrellisApp(_folder.Path);
        var user = await TestAccounts.CreateAsync(app, "GBR", Role.Planner);
        string key;
        using (var client = app.CreateClient())
        {
            (await TestAccounts.SignInAsync(client, user.Email, user.Password)).EnsureSuccessStatusCode();
            var page = await client.GetStringAsync("/account/security");
            key = KeyPattern().Match(page).Groups[1].Value;
            Assert.NotEmpty(key);
            using var wrong = await client.PostAsync("/account/security", Form(page, "enable", "000000" == Totp(key) ? "111111" : "000000"));
            Assert.Contains("not the one the app should show", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            using var enabled = await client.PostAsync("/account/security", Form(page, "enable", Totp(key)));
            Assert.Contains("asks for a code too", await enabled.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/me")).StatusCode); // this session goes on
        }

        using var other = app.CreateClient();
        using var password = await TestAccounts.SignInAsync(other, user.Email, user.Password);
        var codePage = await password.Content.ReadAsStringAsync();
        Assert.Equal("/account/signin/code", password.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Equal(HttpStatusCode.Unauthorized, (await other.GetAsync("/api/me")).StatusCode); // not signed in by the password alone

        using var bad = await other.PostAsync("/account/signin/code", Form(codePage, "code", Totp(key) == "123456" ? "654321" : "123456"));
        Assert.Contains(WebUtility.HtmlEncode(SignInCode.Failed), await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var good = await other.PostAsync("/account/signin/code", Form(codePage, "code", Totp(key)));
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        Assert.Equal(user.Actor.UserId, JsonNode.Parse(await other.GetStringAsync("/api/me"))!["userId"]!.GetValue<string>());
    }

    private static FormUrlEncodedContent Form(string page, string handler, string code) => new(new Dictionary<string, string>
    {
        ["__RequestVerificationToken"] = TestAccounts.AntiforgeryToken(page), ["_handler"] = handler, ["code"] = code, ["returnUrl"] = "",
    });

    /// <summary>The code an authenticator app shows now for a base32 key: HMAC-SHA1 over the 30-second step, 6 digits (RFC 6238).</summary>
    private static string Totp(string base32Key)
    {
        var step = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30;
        var counter = BitConverter.GetBytes(step);
        if (BitConverter.IsLittleEndian)
        {
            Array.Reverse(counter);
        }

#pragma warning disable CA5350 // RFC 6238 authenticators use HMAC-SHA1, as Identity does
        var hash = HMACSHA1.HashData(Base32(base32Key), counter);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0f;
        var binary = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static byte[] Base32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bits = 0;
        var value = 0;
        var bytes = new List<byte>();
        foreach (var c in text.TrimEnd('=').ToUpperInvariant())
        {
            value = (value << 5) | alphabet.IndexOf(c, StringComparison.Ordinal);
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)(value >> (bits - 8)));
                bits -= 8;
            }
        }

        return [.. bytes];
    }

    [GeneratedRegex("<code id=\"authenticator-key\">([A-Z2-7]+)</code>")]
    private static partial Regex KeyPattern();
}
