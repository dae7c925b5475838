namespace Trellis.Tests.Network.Reports;

/// <summary>
/// A small registry for the hubs report: the United States allied with Australia, the UK, Japan and the Philippines;
/// Japan's RAAs with Australia (in force 2023-08-13), the UK (2023-10-15) and the Philippines (2025-09-11); a Japan–UK
/// logistics agreement (2013) that already ties Japan and the UK; three facilities around 21° N 121° E.
/// </summary>
internal static class HubsReportFixture
{
    public static TempData Write()
    {
        var data = new TempData();
        data.Agreement("aus-usa-mutual-defence", "[AUS, USA]", "mutual-defence", "1951-09-01", "1952-04-29")
            .Agreement("gbr-usa-mutual-defence", "[GBR, USA]", "mutual-defence", "1949-04-04", "1949-08-24")
            .Agreement("jpn-usa-mutual-defence", "[JPN, USA]", "mutual-defence", "1960-01-19", "1960-06-23")
            .Agreement("phl-usa-mutual-defence", "[PHL, USA]", "mutual-defence", "1951-08-30", "1952-08-27")
            .Agreement("aus-jpn-raa", "[AUS, JPN]", "raa", "2022-01-06", "2023-08-13")
            .Agreement("gbr-jpn-raa", "[GBR, JPN]", "raa", "2023-01-11", "2023-10-15")
            .Agreement("jpn-phl-raa", "[JPN, PHL]", "raa", "2024-07-08", "2025-09-11")
            .Agreement("gbr-jpn-logistics", "[GBR, JPN]", "logistics", "2013-07-04", "2013-07-04")
            .Write("facilities/facilities.yaml", """
                facilities:
                  - id: north-luzon
                    name: North Luzon
                    host: PHL
                    lat: 18.5
                    lon: 121.6
                    approximate: true
                    kind: air
                    sources: [{ url: "https://example.org/north-luzon" }]
                    confidence: medium
                  - id: yonaguni
                    name: Yonaguni
                    host: JPN
                    lat: 24.47
                    lon: 123.0
                    approximate: true
                    kind: army
                    sources: [{ url: "https://example.org/yonaguni" }]
                    confidence: medium
                  - id: naha
                    name: Naha
                    host: JPN
                    lat: 26.2
                    lon: 127.7
                    approximate: true
                    kind: air
                    sources: [{ url: "https://example.org/naha" }]
                    confidence: medium
                """);
        return data;
    }
}
