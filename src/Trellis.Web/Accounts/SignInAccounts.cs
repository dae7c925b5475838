using Microsoft.AspNetCore.Identity;
using Trellis.Web.Persistence;

namespace Trellis.Web.Accounts;

/// <summary>Password sign-in as the sign-in page does it.</summary>
public static class SignInAccounts
{
    /// <summary>
    /// Signs in with the Identity cookie; a failure counts towards the lockout. An unknown address
    /// costs a password hash too, so that the answer's timing does not tell which addresses exist.
    /// </summary>
    /// <remarks>
    /// <see cref="SignInResult.RequiresTwoFactor"/> when the password is right and the account has an
    /// authenticator: the code page (<c>/account/signin/code</c>) finishes the sign-in.
    /// </remarks>
    public static async Task<SignInResult> PasswordSignInAsync(SignInManager<TrellisUser> signIn, string? email, string? password)
    {
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password))
        {
            return SignInResult.Failed;
        }

        var user = await signIn.UserManager.FindByEmailAsync(email.Trim());
        if (user is null)
        {
            signIn.UserManager.PasswordHasher.HashPassword(new TrellisUser(), password);
            return SignInResult.Failed;
        }

        return await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: true);
    }

    /// <summary>Where to go after signing in: <paramref name="returnUrl"/> when it is a path of this site, else the home page.</summary>
    public static string LocalOrHome(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url[0] == '/' && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
            ? url : "/";
}
