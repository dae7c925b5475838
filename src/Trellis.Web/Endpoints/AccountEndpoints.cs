using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Trellis.Cases;
using Trellis.Web.Accounts;
using Trellis.Web.Persistence;

namespace Trellis.Web.Endpoints;

/// <summary>An organisation as the API shows it.</summary>
public sealed record OrganisationView(Guid Id, string State, string Name, bool IsDemo)
{
    public static OrganisationView Of(Organisation o) => new(o.Id, o.State, o.Name, o.IsDemo);
}

public sealed record OrganisationListView(int Count, IReadOnlyList<OrganisationView> Organisations);

/// <summary>Who the caller is: their user id, organisation, its state and their roles.</summary>
public sealed record MeView(string UserId, Guid OrganisationId, string State, IReadOnlyList<string> Roles);

/// <summary>Organisations, the caller's identity, and signing out.</summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Accounts").RequireAuthorization();
        api.MapGet("/orgs", Organisations).WithName("ListOrganisations").WithSummary("Every organisation, by state then name (signed-in users only)");
        api.MapGet("/me", Me).WithName("Me").WithSummary("The signed-in user: id, organisation, its state, roles");
        app.MapPost("/account/signout", SignOut).ExcludeFromDescription();
        app.MapGet("/account/signin/oidc", SignInElsewhere).ExcludeFromDescription();
        return app;
    }

    private static async Task<Results<Ok<OrganisationListView>, ProblemHttpResult>> Organisations(CurrentActor current, AccountStore store, CancellationToken cancellationToken)
    {
        if (await current.GetAsync(cancellationToken) is null)
        {
            return NotSignedIn();
        }

        var orgs = await store.OrganisationsAsync(cancellationToken);
        return TypedResults.Ok(new OrganisationListView(orgs.Count, orgs.Select(OrganisationView.Of).ToArray()));
    }

    private static async Task<Results<Ok<MeView>, ProblemHttpResult>> Me(CurrentActor current, CancellationToken cancellationToken) =>
        await current.GetAsync(cancellationToken) is { } actor
            ? TypedResults.Ok(new MeView(actor.UserId, actor.OrganisationId, actor.State, Roles.All.Where(actor.Has).Select(r => r.Name()).ToArray()))
            : NotSignedIn();

    /// <summary>Signs out (a form post with its antiforgery token) and goes to the home page.</summary>
    private static async Task<IResult> SignOut(HttpContext context, IAntiforgery antiforgery, SignInManager<TrellisUser> signIn)
    {
        try
        {
            await antiforgery.ValidateRequestAsync(context);
        }
        catch (AntiforgeryValidationException)
        {
            return Problems.Status(StatusCodes.Status400BadRequest, "Form expired", "the sign-out form has expired: reload the page and sign out again");
        }

        await signIn.SignOutAsync();
        return TypedResults.Redirect("/");
    }

    /// <summary>Goes to the OpenID Connect provider (when configured), and back to <paramref name="returnUrl"/> once signed in.</summary>
    private static async Task<IResult> SignInElsewhere(IAuthenticationSchemeProvider schemes, string? returnUrl = null) =>
        await schemes.GetSchemeAsync(OpenIdConnectSignIn.Scheme) is null
            ? Problems.NotFound("sign-in with an OpenID Connect provider is not configured here (Trellis:OpenIdConnect)")
            : TypedResults.Challenge(new AuthenticationProperties { RedirectUri = SignInAccounts.LocalOrHome(returnUrl) }, [OpenIdConnectSignIn.Scheme]);

    /// <summary>401 for a request whose credentials name no usable account.</summary>
    public static ProblemHttpResult NotSignedIn() =>
        Problems.Status(StatusCodes.Status401Unauthorized, "Not signed in", "sign in at /account/signin, or send Authorization: Bearer <personal access token>");
}
