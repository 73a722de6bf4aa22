using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using WebVirt.Web.Security.TwoFactor;

namespace WebVirt.Web.Components.Pages;

/// <summary>The administrator's switch that makes two-factor login compulsory for every WebVirt account.</summary>
public partial class TwoFactorRequirement
{
    private bool _required;
    private bool _busy;

    [Inject]
    private TwoFactorPolicy Policy { get; set; } = default!;

    [Inject]
    private AuthenticationStateProvider Authentication { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    protected override async Task OnInitializedAsync() => _required = await Policy.IsRequiredAsync();

    private async Task SetAsync(bool required)
    {
        _busy = true;
        try
        {
            var actor = (await Authentication.GetAuthenticationStateAsync()).User;
            if (!await Policy.SetRequiredAsync(actor, required))
            {
                Snackbar.Add(A["TwoFactor.RequireRefused"], Severity.Error);
            }

            _required = await Policy.IsRequiredAsync();
        }
        finally
        {
            _busy = false;
        }
    }
}
