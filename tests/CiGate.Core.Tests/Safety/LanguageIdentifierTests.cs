using CiGate.Core.Suites.Prompts.Assertions.Guardrails.Languages;

namespace CiGate.Core.Tests.Safety;

/// <summary>
/// The offline identifier on sentences written for this test (two per language, everyday topics,
/// 8–20 words). It must get all of them right; its known confusions (Danish/Norwegian, short
/// Spanish/Portuguese) are documented rather than tested.
/// </summary>
public sealed class LanguageIdentifierTests
{
    [Theory]
    [InlineData("en", "I would like to book a table for two people on Friday evening, if that is possible.")]
    [InlineData("en", "The report shows that sales grew in every region except the north, where it rained all summer.")]
    [InlineData("fr", "Je voudrais réserver une table pour deux personnes vendredi soir, si c'est possible.")]
    [InlineData("fr", "Le rapport montre que les ventes ont augmenté dans toutes les régions sauf le nord.")]
    [InlineData("de", "Ich möchte für Freitagabend einen Tisch für zwei Personen reservieren, wenn das möglich ist.")]
    [InlineData("de", "Der Bericht zeigt, dass der Umsatz in allen Regionen gestiegen ist, außer im Norden.")]
    [InlineData("es", "Me gustaría reservar una mesa para dos personas el viernes por la noche, si es posible.")]
    [InlineData("es", "El informe muestra que las ventas crecieron en todas las regiones excepto en el norte.")]
    [InlineData("it", "Vorrei prenotare un tavolo per due persone venerdì sera, se è possibile.")]
    [InlineData("it", "Il rapporto mostra che le vendite sono cresciute in tutte le regioni tranne il nord.")]
    [InlineData("pt", "Eu gostaria de reservar uma mesa para duas pessoas na sexta-feira à noite, se for possível.")]
    [InlineData("pt", "O relatório mostra que as vendas cresceram em todas as regiões, exceto no norte do país.")]
    [InlineData("nl", "Ik wil graag een tafel voor twee personen reserveren op vrijdagavond, als dat mogelijk is.")]
    [InlineData("nl", "Het rapport laat zien dat de verkoop in alle regio's is gegroeid, behalve in het noorden.")]
    [InlineData("sv", "Jag skulle vilja boka ett bord för två personer på fredag kväll, om det är möjligt.")]
    [InlineData("sv", "Rapporten visar att försäljningen ökade i alla regioner utom i norr, där det regnade hela sommaren.")]
    [InlineData("da", "Jeg vil gerne bestille et bord til to personer fredag aften, hvis det er muligt.")]
    [InlineData("da", "Rapporten viser, at salget er steget i alle regioner undtagen i nord, hvor det regnede hele sommeren.")]
    [InlineData("fi", "Haluaisin varata pöydän kahdelle hengelle perjantai-illaksi, jos se on mahdollista.")]
    [InlineData("fi", "Raportti osoittaa, että myynti kasvoi kaikilla alueilla paitsi pohjoisessa, jossa satoi koko kesän.")]
    [InlineData("pl", "Chciałbym zarezerwować stolik dla dwóch osób na piątek wieczorem, jeśli to możliwe.")]
    [InlineData("pl", "Raport pokazuje, że sprzedaż wzrosła we wszystkich regionach z wyjątkiem północy.")]
    [InlineData("cs", "Chtěl bych si rezervovat stůl pro dvě osoby na pátek večer, pokud je to možné.")]
    [InlineData("cs", "Zpráva ukazuje, že prodej vzrostl ve všech regionech kromě severu, kde celé léto pršelo.")]
    [InlineData("tr", "Cuma akşamı için iki kişilik bir masa ayırtmak istiyorum, eğer mümkünse.")]
    [InlineData("tr", "Rapor, satışların kuzey hariç tüm bölgelerde arttığını gösteriyor, orada bütün yaz yağmur yağdı.")]
    [InlineData("id", "Saya ingin memesan meja untuk dua orang pada hari Jumat malam, jika itu bisa.")]
    [InlineData("id", "Laporan ini menunjukkan bahwa penjualan naik di semua wilayah kecuali di utara.")]
    [InlineData("ro", "Aș dori să rezerv o masă pentru două persoane vineri seara, dacă este posibil.")]
    [InlineData("ro", "Raportul arată că vânzările au crescut în toate regiunile, cu excepția nordului.")]
    [InlineData("hu", "Szeretnék asztalt foglalni két főre péntek estére, ha lehetséges.")]
    [InlineData("hu", "A jelentés azt mutatja, hogy az eladások minden régióban nőttek, kivéve északon.")]
    [InlineData("ru", "Я хотел бы забронировать столик на двоих в пятницу вечером, если это возможно.")]
    [InlineData("uk", "Я хотів би забронювати столик на двох у п'ятницю ввечері, якщо це можливо.")]
    [InlineData("el", "Θα ήθελα να κλείσω ένα τραπέζι για δύο άτομα την Παρασκευή το βράδυ.")]
    [InlineData("ar", "أود حجز طاولة لشخصين مساء يوم الجمعة إذا كان ذلك ممكنا.")]
    [InlineData("fa", "می‌خواهم برای جمعه شب یک میز برای دو نفر رزرو کنم، اگر ممکن است.")]
    [InlineData("he", "הייתי רוצה להזמין שולחן לשניים ביום שישי בערב, אם אפשר.")]
    [InlineData("hi", "मैं शुक्रवार शाम को दो लोगों के लिए एक मेज़ बुक करना चाहूँगा।")]
    [InlineData("th", "ผมอยากจองโต๊ะสำหรับสองคนในคืนวันศุกร์ครับ")]
    [InlineData("ko", "금요일 저녁에 두 명 자리를 예약하고 싶습니다.")]
    [InlineData("ja", "金曜日の夜に二人で席を予約したいのですが、可能でしょうか。")]
    [InlineData("zh", "我想预订星期五晚上两个人的桌子，如果可以的话。")]
    public void Identifies_the_language(string expected, string sentence) =>
        Assert.Equal(expected, Identifier.Identify(sentence).Code);

    [Theory]
    [InlineData("Hi!")]
    [InlineData("42")]
    public void Too_little_text_is_not_judged(string text) =>
        Assert.True(Identifier.Identify(text).TooShort);
}
