using Trellis.Diagnostics;
using Trellis.Yaml;
using static Trellis.Registry.Loading.RegistryFields;
using static Trellis.Registry.RegistryLoader;

namespace Trellis.Registry.Loading;

/// <summary>Reads <c>facilities/facilities.yaml</c>, checking each user's agreement against the agreements read.</summary>
internal static class FacilitiesReader
{
    public static List<Facility> Read(string path, HashSet<string> states, List<Agreement> agreements, List<Diagnostic> diagnostics)
    {
        var result = new List<Facility>();
        if (!DataFile.Exists(path))
        {
            return result;
        }

        var file = Display(path);
        var root = YamlFields.Of(YamlDocument.Load(path, file, diagnostics), file, diagnostics, "the facilities file");
        if (root is null)
        {
            return result;
        }

        root.AllowOnly("facilities");
        // Two agreements may share an id here (CheckAgreementSet has reported it, TRL011): the first one stands.
        var byId = new Dictionary<string, Agreement>(StringComparer.Ordinal);
        foreach (var a in agreements)
        {
            byId.TryAdd(a.Id, a);
        }

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var f in root.Mappings("facilities", "a facility", required: true))
        {
            var errorsBefore = diagnostics.Count;
            f.AllowOnly("id", "ref", "name", "host", "lat", "lon", "approximate", "kind", "role", "users", "sources", "confidence", "notes");
            var id = f.String("id", required: true);
            var name = f.String("name", required: true);
            var host = ReadState(f, "host", states, required: true);
            var lat = f.Double("lat", required: true);
            var lon = f.Double("lon", required: true);
            var kind = f.Choice("kind", Vocabulary.FacilityKinds, required: true);
            var sources = ReadSources(f, "the facility");
            var confidence = ReadConfidence(f);
            if (lat is { } la && la is < -90 or > 90)
            {
                f.Add(DiagnosticCodes.InvalidCoordinate, $"'lat' is {la}: a latitude lies between -90 and 90 (south is negative)", f.LineOf("lat"));
            }

            if (lon is { } lo && lo is < -180 or > 180)
            {
                f.Add(DiagnosticCodes.InvalidCoordinate, $"'lon' is {lo}: a longitude lies between -180 and 180 (west is negative)", f.LineOf("lon"));
            }

            CheckEntryId(f, id, seen, "facility");

            var users = new List<FacilityUser>();
            foreach (var u in f.Mappings("users", "a facility user"))
            {
                u.AllowOnly("state", "agreement", "since");
                var state = ReadState(u, "state", states, required: true);
                var agreementId = u.String("agreement");
                if (agreementId is not null && !byId.ContainsKey(agreementId))
                {
                    var hint = YamlFields.Suggest(agreementId, byId.Keys) is { } s ? $" Did you mean '{s}'?" : "";
                    u.Add(DiagnosticCodes.UnknownAgreement, $"the agreement '{agreementId}' is not in the registry.{hint}", u.LineOf("agreement"));
                }
                else if (agreementId is not null && state is not null && !byId[agreementId].HasParty(state))
                {
                    u.Add(DiagnosticCodes.UnknownAgreement, $"{state} is not a party to '{agreementId}', so that agreement cannot grant it use of this facility", u.LineOf("agreement"));
                }
                else if (agreementId is not null && state is not null && !byId[agreementId].AdmitsForcesOf(state))
                {
                    u.Add(DiagnosticCodes.BadVisitingForces,
                        $"'{agreementId}' admits only the forces of {string.Join(", ", byId[agreementId].VisitingForces!)} (its 'visitingForces'), " +
                        $"so it cannot grant {state} use of this facility: name the agreement that does, or correct 'visitingForces'", u.LineOf("agreement"));
                }

                if (state is not null)
                {
                    users.Add(new FacilityUser(state, agreementId) { Since = u.Date("since") });
                }
            }

            if (diagnostics.Count == errorsBefore && id is not null && name is not null && host is not null &&
                lat is not null && lon is not null && kind is not null && confidence is not null)
            {
                result.Add(new Facility(id, name, host, lat.Value, lon.Value, f.Bool("approximate") ?? false, kind,
                    f.String("role"), users, sources, confidence.Value)
                {
                    Ref = f.String("ref"),
                    Notes = f.String("notes")?.Trim(),
                });
            }
        }

        return result;
    }
}
