using System.Text.Json;
using Gaoxin.Core.Enterprises;

namespace Gaoxin.Features.Enterprises;

/// <summary>
/// An enterprise's self-assessment figures written as the JSON that <c>gaoxin hte assess</c> and the API read
/// (<see cref="EnterpriseInputReader.ReadHte"/>): what the reserve pool keeps as the record of a proposal made through
/// the self-assessment form, the same record a pasted file would leave.
/// </summary>
public static class HteInputJson
{
    public static string Write(HteInput input)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("registeredOn", input.RegisteredOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteString("assessedOn", input.AssessedOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            if (input.Domain is not null) json.WriteString("domain", input.Domain);
            json.WriteStartObject("ip");
            json.WriteNumber("class1", input.Ip.Class1);
            json.WriteNumber("class2", input.Ip.Class2);
            json.WriteNumber("selfDeveloped", input.Ip.SelfDeveloped);
            if (input.Ip.Items is { } items)
            {
                json.WriteStartArray("items");
                foreach (var item in items)
                {
                    json.WriteStartObject();
                    if (item.Name is not null) json.WriteString("name", item.Name);
                    json.WriteString("class", item.Class == HteIpClass.I ? "I" : "II");
                    json.WriteBoolean("selfDeveloped", item.SelfDeveloped);
                    json.WriteBoolean("usedBefore", item.UsedBefore);
                    json.WriteBoolean("jointlyOwned", item.JointlyOwned);
                    if (item.JointlyOwned) json.WriteBoolean("designatedOwner", item.DesignatedOwner);
                    json.WriteEndObject();
                }
                json.WriteEndArray();
            }
            json.WriteEndObject();
            json.WriteNumber("employees", input.Employees);
            json.WriteNumber("stEmployees", input.StEmployees);
            Numbers(json, "salesRevenue", input.SalesRevenue);
            Numbers(json, "rdExpense", input.RdExpense);
            json.WriteNumber("rdExpenseDomestic", input.RdExpenseDomestic);
            json.WriteNumber("highTechRevenue", input.HighTechRevenue);
            json.WriteNumber("totalRevenue", input.TotalRevenue);
            Numbers(json, "netAssets", input.NetAssets);
            json.WriteStartObject("innovation");
            json.WriteString("techAdvancement", input.Innovation.TechAdvancement);
            json.WriteString("coreSupport", input.Innovation.CoreSupport);
            if (input.Innovation.IpAcquisition is not null) json.WriteString("ipAcquisition", input.Innovation.IpAcquisition);
            json.WriteBoolean("standards", input.Innovation.Standards);
            json.WriteNumber("conversions", input.Innovation.Conversions);
            json.WriteStartObject("rdManagement");
            json.WriteNumber("system", input.Innovation.RdManagement.System);
            json.WriteNumber("institution", input.Innovation.RdManagement.Institution);
            json.WriteNumber("conversionIncentives", input.Innovation.RdManagement.ConversionIncentives);
            json.WriteNumber("talent", input.Innovation.RdManagement.Talent);
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteBoolean("majorIncident", input.MajorIncident);
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Numbers(Utf8JsonWriter json, string name, IEnumerable<decimal> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values) json.WriteNumberValue(value);
        json.WriteEndArray();
    }
}
