/**
 * Evidence tables for language identification, written by hand from knowledge of the languages
 * (grammars, orthography rules, the commonest words of news prose). Nothing here is counted from
 * a corpus, so nothing is fitted to a test set. Three kinds of evidence:
 * - function words: short, frequent, and different between the languages (bg "че това са",
 *   ru "что это был", sr "је су који", mk "дека тоа во е");
 * - word endings: articles and inflections (bg "-ът -ият -ване", ru "-ого -ый -ться",
 *   sr "-ског -ују -ао", mk "-иот -уваат -ување");
 * - letters: which letters each alphabet has (see langid.ts).
 * Serbian is written in Latin here and converted to Cyrillic in langid.ts, so the two scripts of
 * Serbian share one list.
 */

const words = (list: string): Set<string> => new Set(list.trim().split(/\s+/u));

/** Endings with weights, "ending:weight"; weight 1 when omitted. */
const endings = (list: string): Map<string, number> =>
  new Map(
    list
      .trim()
      .split(/\s+/u)
      .map((entry) => {
        const [ending, weight] = entry.split(":");
        return [ending as string, weight === undefined ? 1 : Number(weight)];
      }),
  );

export const BULGARIAN_WORDS = words(`
и в във на за да се от с със че е са не по до като но а или към след при през пред между без срещу
над под около чрез според сред освен поради заради този тази това тези онзи онази онова онези той тя
то те ние вие аз ти него нея тях нас вас мен теб му ѝ им го я ги ни ви ме който която което които
чийто чиято чието чиито какво как кога къде защо ако когато докато дори още вече също така само много
повече всички всеки всяка всяко всичко нещо някой някоя някои няколко никой нищо беше бяха бил била
било били бъде бъдат съм си сме сте ще щеше щяха би биха има няма имат нямат имаше нямаше може могат
можеше трябва трябваше обаче затова където там тук днес вчера утре сега после преди свой своя своите
своето своят неговия неговата неговото нейния нейната техния техните ли дали нито кой коя кое кои
години година хора миналата миналия първия първата последния заяви каза казва казват съобщи обяви
посочи допълни отбеляза тогава отново вместо въпреки едва особено страната държавата правителството
хиляди милиона процента лева долара нейното нашата нашия тъй защото всъщност вероятно прекалено лесно трудно двамата тримата доста винаги никога веднага сякаш докъдето колко толкова
`);

export const RUSSIAN_WORDS = words(`
и в во на с со к ко о об обо от до по из у за при через после перед между без против над под около
для среди кроме вокруг вдоль ради не ни но а или либо что чтобы как так также тоже это этот эта эти
этого этой этом этих этим тот та те того той тем тех он она оно они его её ее их ему ей им нему ней
них ним ними мы вы я ты меня тебя нас вас нам вам мне себя себе свой своя своё свое свои своих своей
своим своего который которая которое которые которого которой которых котором которым которую кто
чего чем чём где когда куда почему если уже ещё еще только очень даже лишь именно был была было были
будет будут быть есть нет может могут можно нужно надо должен должна должны сказал сказала заявил
заявила сообщил сообщила отметил добавил всё все всех всем весь вся всего более менее сейчас здесь
там потом теперь однако поэтому поскольку хотя пока ли бы же вот года году лет время людей человек
сегодня вчера завтра раньше позже тысяч миллионов процентов рублей долларов из-за ну конечно ответил ответила спросил вообще совсем сразу потому опять
`);

export const MACEDONIAN_WORDS = words(`
и во на за да се е од со до по не ни а но или како што кој која кое кои кого кому чиј чија чие чии
дека ако кога каде зошто додека само уште веќе исто така многу повеќе помалку бил била било биле
беше беа сум си сме сте ќе би има нема имаат немаат имаше немаше може можат мораат мора треба
требаше според после пред меѓу без против кон преку околу кај низ над под покрај овој оваа ова овие
оној онаа она тој таа тоа тие него неа нив нас вас ним нејзе му ѝ им го ја ги ме нè ве свој своја
свое свои својот својата своето своите сите секој секоја секое некои неколку ништо нешто некој никој
години година илјади милиони милијарди изјави рече вели велат соопшти истакна додаде изјавил рекол
денес вчера утре сега тука таму меѓутоа затоа сепак дури односно сè нивниот нивната нивните
неговиот неговата нејзиниот нејзината тогаш повторно заради поради освен владата земјата
претседателот министерот проценти еден една едно двајца тројца четворица заедно оние долж
спроти можеби наместо натаму навистина неговото нејзиното биде бидат смее зборува зборуваат доста денеска веднаш секогаш никогаш колку толку
убав убава убаво убави малку кажал каже кажува сакам сакаш сакаме сакате оди одам одат појде земе зема стави прави пишува два три четири пет шест седум осум девет десет двете одбрана одбраната напад нападот резултат резултатот анализа тим
`);

/** Words common to Serbian, Croatian and Bosnian (Latin script). */
export const SOUTH_SLAVIC_WORDS = words(`
i u na za da se je su od sa s iz do po pri ka k o ne ni a ali ili kao koji koja koje kojeg kojem
kojoj kojim kojih kojima jer kada kad ako dok pošto iako već još samo čak bio bila bilo bili bile
biti bude budu će ću ćeš ćemo ćete bi bih bismo biste sam si smo ste nisam nije nisu nismo nema ima
imaju imao imala imali može mogu moći mora moraju treba trebalo preko između bez protiv prema zbog
oko kod kroz nad pod uz osim radi ovaj ova ovo ovi ove ovog ovom ovih taj ta to ti te tog tom tim tih
on ona ono oni one njegov njegova njegovo njegove njegovog njen njena njeno njihov njihova njihove
njega nju njoj njih im ga mu joj ih me mi vi ja nas vas nam vam svoj svoja svoje svoju svog svom svi
sve svih svega svim vrlo mnogo više manje godine godina godinu godini rekao rekla rekli izjavio
izjavila naveo navela kaže kažu međutim stoga zato ipak sada danas sutra tamo tu kako zašto kakav
dakle odnosno ponovo opet niz pored jedan jedna jedno jednog dva tri četiri pet nakon što toga tome čega čemu nečega ničega posto stvarno zaista li onda zatim tada kasnije ranije jednom nikad nikada uvek
`);

/** Ekavian forms and Serbian-only words (Croatian and Bosnian are ijekavian and say otherwise). */
export const SERBIAN_ONLY_WORDS = words(`
čovek čoveka ljudima deteta devojka devojke devojčica mesecu mestima lekari lekara uspeo uspela
ostaviti posleratni vremenu delova pobede pobeđuje sedamdeset uradiće biće imaće moraće

gde pre posle vreme mesto mesta mestu deo dela delu delom deca dece dete reč reči svet sveta svetu
svetski svetske svetskog lepo lep vest vesti uvek cena cene ceo cela celog celu veće vek veka reka
reke telo tela mesec meseca meseci mera mere primer primera promena promene uspeh uspešno verovatno
vera videti videla videli hteo htela želeo želela živeo voleo razumeo leto leta pesma pesme ocena
procena predsednik predsednika predsednica predsedništvo rešenje rešiti rešio savet saveta savetnik
osećaj oseća sledeći sledećeg sledeće posledica posledice poslednji poslednjih poslednje dve pobeda
pobedu pobedio uveren sever severni lekar lek lekova lečenje nedelja nedelje nedelju sedište sednica
sednici obaveštenje izveštaj izveštaja delovanje delatnost ovde juče takođe hleb stepen uslovi sme smeju smeo
uslova bezbednost bezbednosti opština opštine opštini uticaj uticaja uticao istorija istorije
istoriju avgust avgusta avgustu odsto desilo desio dešava srpski srpske srbija srbije beograd beograda
belo bela beli celi pesnik deli podeli svest svetlo vetar vetrovi zvezda zvezde mleko greška
sneg seća sećanje zamena uspešan pobedi pobednik sedeo umeo delimično napred portparol
portparolka sveštenik sveštenici hrišćanski hrišćanske uopšte opšti opšte
`);

/** Words Serbian and Bosnian share against Croatian. */
export const SERBIAN_BOSNIAN_WORDS = words(`
ko šta hiljada hiljade hiljadu univerzitet univerziteta fudbal fudbalski saradnja saradnje
saradnji evropski evropske evropskoj evropska evropskog evropa evrope evropi porodica porodice
porodici tačno januar februar mart april maj jun juni jul juli septembar oktobar novembar decembar
januara februara marta aprila maja juna jula septembra oktobra novembra decembra januaru februaru
martu aprilu maju junu julu septembru oktobru novembru decembru miliona milion
milijardi procenat procenata vazduh avion aviona voz voza muzika muzike hemijski nauka nauke
naučni naučnici pozorište srećan srećna učestvovati učestvovao učesnik učesnici vanredno štampa
ostrvo komandant ukoliko odbrana odbrane odbrani odbranu takmičenje takmičenja takmičenju ugao ugla
poslanik poslanici poslanika skupština skupštine skupštini plata plate penzija penzije tačka tačke
`);

/** Ijekavian forms and other words Croatian and Bosnian share against Serbian. */
export const CROATIAN_BOSNIAN_WORDS = words(`
gdje prije poslije vrijeme mjesto mjesta mjestu dio dijela dijelu dijelom djeca djece dijete riječ
riječi svijet svijeta svijetu svjetski svjetske svjetskog lijepo lijep vijest vijesti uvijek cijena
cijene cijeli cijela cijelog cijelu vijeće vijek vijeka rijeka rijeke tijelo tijela mjesec mjeseca
mjeseci mjera mjere primjer primjera promjena promjene uspjeh uspješno vjerovatno vjerojatno vjera
vidjeti vidio vidjela htio htjela želio željela živio volio razumio ljeto ljeta pjesma pjesme
ocjena procjena predsjednik predsjednika predsjednica predsjedništvo rješenje riješiti riješio
savjet savjeta savjetnik osjećaj osjeća sljedeći sljedećeg sljedeće posljedica posljedice
posljednji posljednjih posljednje dvije pobjeda pobjedu pobijedio uvjeren sjever sjeverni lijek
lijekova liječenje nedjelja nedjelje nedjelju sjedište sjednica sjednici izvještaj izvještaja
djelovanje djelatnost ovdje jučer također utjecaj utjecaja utjecao bijelo bijela bijeli pjesnik
dijeli podijeli svijest svjetlo vjetar zvijezda zvijezde mlijeko griješka snijeg sjeća sjećanje
tijekom zamjena uspješan pobijedi pobjednik sjedio smio umio djelomično naprijed zastupnik
zastupnici zastupnika glasnogovornik glasnogovornica svećenik svećenici kršćanski kršćanske općenito
`);

/** Everyday news words shared by Serbian, Croatian and Bosnian. */
export const SOUTH_SLAVIC_CORE_WORDS = words(`
ljudi zemlja zemlje država države državi vlada vlade grad grada gradu dan dana svet žena žene
muškarac ministar policija policije posao novac škola kuća voda nov nova novo novi nove veliki
velika veliko velike dobar dobra dobro prvi prva prvo drugi druga drugo drugih put rat zakon stranka
stranke izbori izbora gradonačelnik sud suda slučaj slučaju pitanje problem odluka odluku podaci
tržište kompanija kompanije banka utakmica utakmice igra gol sezona sezone trener igrač igrači sve
izgleda žele želi uradio uradili postao postala postali dobio dobila dao dala uzeo otišao došao
zna znaju misli smatra smatraju vidi čekaju život smrt bolnica bolnice zdravlje njegovu njenu
kojeg kome koju čiji čija vlasti vlast mnogi mnoge nekoliko neki neke nešto niko
rezultat rezultata analiza napad tim odbrana
`);

/** Croatian-only words (standard Croatian vocabulary and month names). */
export const CROATIAN_ONLY_WORDS = words(`
tko tisuća tisuće tisuću tjedan tjedna tjedno sveučilište sveučilišta općina općine općini
kazalište glazba glazbe zrak zrakoplov vlak vlaka kruh nogomet nogometni obitelj obitelji točno
gospodarstvo gospodarski gospodarske sigurnost sigurnosti suradnja suradnje suradnji siječnja
veljače ožujka travnja svibnja lipnja srpnja kolovoza rujna listopada studenoga studenog prosinca
siječanj veljača ožujak travanj svibanj lipanj srpanj kolovoz rujan listopad studeni prosinac
tijekom milijun milijuna milijardi tvrtka tvrtke tvrtki izvješće izvješća priopćenje hrvatski
hrvatske hrvatska europski europske europskoj europska europskog europskih povijest
povijesti unatoč glede uvjeti uvjeta liječnik liječnici momčad kemijski znanost znanstveni znanstvenici
sretan sretna sudjelovati sudjelovao sudionik sudionici izvan izvanredno tisak otok otoka kava
zapovjednik ravnatelj primjerice naime nadalje dakako posve njezin njezina njezino njezinu njezine
njezinog milijuni obrana obrane obrani obranu natjecanje natjecanja natjecanju kut kuta sabor sabora
saboru saborski saborske plaća plaće mirovina mirovine prosvjed prosvjedi prosvjeda točka točke uhitio uhitila uhitili
uhićen uhićeni uhićena
`);

/** Bosnian-only words against both Serbian and Croatian. */
export const BOSNIAN_ONLY_WORDS = words(`
historija historije historiji historijski hljeb sedmica sedmice sedmici lahko mahala kafa kafe
bosanski bosne bosni sarajevo sarajeva općina općine općini
`);

export const ENGLISH_WORDS = words(`
the of and to a in is was for on that with as by at from it he she they his her their its be been
are were have has had not but or an this these those which who whom whose will would can could
should may might must said says after before more than about over into also new one two three
first last up out all there when what where year years people government told week percent
million billion them him we our us you your i my me if so no some other such only just like then
now because while during against between through under since until police minister president
state country officials according being very how most many any each own both same
`);

/** Frequent words of other Latin-script languages (French, German, Spanish, Italian). */
export const OTHER_LATIN_WORDS = words(`
le la les des du et est une il elle que qui pas pour dans sur avec faut bien faire nous vous sont
der die das und ist nicht ein eine mit von zu den auf für sich dem auch es ich sie wir
el los las y en por con una del lo al pero muy
di che non per della sono gli nel alla anche
`);

/** Everyday English words (verbs, nouns, adjectives of news prose and speech). */
export const ENGLISH_CORE_WORDS = words(`
take takes took make makes made go goes going get gets got see seen come came give gave find found
think know knew want wanted look looked use used tell work worked call called try tried ask asked
need needed feel felt leave left put keep let begin seem help show hear play run move live believe
bring happen write sit stand lose pay meet include continue set learn change lead understand watch
follow stop create speak read spend grow open walk win won offer remember love consider appear buy
wait serve die send expect build stay fall fell cut reach kill killed remain suggest raise pass sell
require report decide pull day days time times way man men woman women child children world life
hand part place case week company system program question number night point home water room
mother area money story fact month lot right study book eye job word business issue side kind head
house service friend father power hour game line end member law car city community name team minute
idea kid body information back parent face others level office door health person art war history
party result morning reason research girl guy moment air teacher force education final
top good new first last long great little own other old big high different small large next
early young important few public bad same able above below should double well still even here
there also really never always often today tonight yesterday tomorrow again already almost enough
far however instead perhaps rather
pretty stuff thing things something nothing anything everything someone anyone everyone nobody
quite very much too lot lots maybe probably actually certainly simply nearly clearly quickly
slowly finally recently currently especially exactly fully likely unlikely possible impossible
moderate huge tiny whole real true false sure free full empty hard easy simple clear strong weak
happy sad angry afraid ready busy nice fine poor rich dark light short wide deep hot cold warm
dead alive safe wrong wonderful terrible awful lovely amazing beautiful ugly funny strange
yes okay ok please thanks thank sorry hello oh wow hey well
these those such whether either neither nor though although unless yet ago away around across
behind beyond inside outside toward towards upon within without along among almost
`);

/** Core news vocabulary: forms that differ between the Cyrillic languages. */
export const BULGARIAN_CORE_WORDS = words(`
хора човек човека страна страната държава правителство град града ден дни седмица седмицата месеца
свят света деца дете детето жена жените мъж мъжът президент президентът министър министърът
полиция полицията работа пари училище къща вода нов нова ново нови голям голяма голямо големи добър
добра добро добре първи първа първо друг друга друго други същия същата време място мястото път
война закон партия избори изборите кмет община съд случай въпрос въпроса решение данни цени пазар
компания компанията банка икономика мач мача отбор отбора игра гол победа сезон сезона треньор играч
играчи сега всичко изглежда искат иска направи направиха става стана станаха получи получава даде
дава взе отиде дойде видя знае знаят мисли смята смятат вижда чака чакат живот смърт болница
болницата лекар лекари здраве две двама трима хиляда милион милиард процент както тогава нашия резултат резултата резултатът
`);

export const RUSSIAN_CORE_WORDS = words(`
люди человек человека страна страны государство правительство город города году день дней неделю
недели месяц месяца мир мира дети ребенок ребёнок женщина женщины мужчина президент министр
полиция полиции работы работа деньги школа дом воды новый новая новое новые нового большой большая
большое большие хороший хорошо первый первая первое первые другой другая другие других время
место путь война закон партии выборы выборах мэр суд дело случае вопрос вопросы проблема решение
данные цены рынок компании компания банк экономики матч матча команда команды игра игру гол
победа сезоне сезона тренер игрок игроки сейчас снова кажется хотят хочет сказали сделал сделали
стал стала стали получил получила дал взял пошел пришел видел знает знают думает считает считают
видит ждут жизнь жизни смерть больнице врач врачи здоровье два две три тысяча миллион миллиарда
процент одно один одна одной одного всего своей несколько многие себе сама само самый самые
восток востока востоке городе городу городов округ округа округе области область девушка мальчик ребята сейчас
`);

export const MACEDONIAN_CORE_WORDS = words(`
луѓе човек човекот земја земјата држава државата влада град градот ден дена недела неделата месец
свет светот деца дете детето жена жените маж мажот претседател претседателот министер полиција
полицијата работа пари училиште куќа вода нов нова ново нови голем голема големо големи добар добра
добро прв прва прво друг друга друго други време место пат војна закон партија избори изборите
градоначалник суд случај прашање проблем одлука податоци цени пазар компанија компанијата банка
економија натпревар натпреварот тимот игра гол победа сезона сезоната тренер играч играчи сè
изгледа сакаат сака рекоа направи направија стана станаа доби даде зеде отиде дојде виде знае знаат
мисли смета сметаат гледа чекаат живот смрт болница болницата лекар лекари здравје два две три
илјада милион милијарда процент потоа него нејзе нивните овде онаму сакам сакаше може
`);

/** Words that one Cyrillic language uses constantly and the others never: extra weight. */
export const STRONG_WORDS: Record<"bg" | "ru" | "sr" | "mk", Set<string>> = {
  bg: words(`че това този тази тези ще със във към бяха също още вече някои който която които какво къде
    защо когато няма трябва хора съм от като в`),
  ru: words(`в что это этот эта эти был была было были который которая которые которых также его её их
    для уже ещё очень только чтобы если когда где тоже может мы`),
  sr: words(`је су из који које када где нису није јер ће али већ још такође пре код због током овај људи
    смо`),
  mk: words(`во со дека кој тоа оваа овие нив сите ќе уште веќе беа многу повеќе кон кај врз меѓу сè нè
    таа тие тој сум потоа ја`),
};

/**
 * Bulgarian (and Macedonian) words that Russian spelling never produces: a verb "е", "са", the
 * particle "ще", "това", month names in -ри. Each counts against Russian, so a Bulgarian sentence
 * whose other words Russian shares ("на официално посещение в") is not left half-Russian.
 */
export const NOT_RUSSIAN_WORDS = words(`е са че ще този тази това тези беше бяха също няма вече към във със
  според трябва години година хора каза заяви днес януари февруари юни юли септември октомври ноември
  декември сега тук сме сте ги нея тях обаче защото`);

export const BULGARIAN_ENDINGS = endings(`
ът:2 ят:1 ата:1.5 ото:1.5 ето:1 ите:1.5 ията:2 ването:3 ане:2 ене:1.5 иха:2 оха:2 ия:0.5 ване:2.5 яне:2.5 ност:1 ността:2 ските:1.5
ският:2.5 ския:2 ската:1 ското:1 аха:1.5 яха:2 еше:1 ове:1 еве:1 ище:1 ният:2.5 ават:2 яват:2 уват:2 хме:2.5 хте:2.5 ната:0.5
ното:0.5 ните:1 ски:0.5 ци:0.5 ъл:1.5 ъв:1 ща:1.5 щи:1 ящ:1.5 ащ:1.5 ие:0.5 ме:0.5 ен:0.7 иец:1.5
`);

export const RUSSIAN_ENDINGS = endings(`
ого:2 его:2 ому:2 ему:2 ыми:2.5 ими:1 ых:2.5 их:1 ый:3 ий:1.5 ой:1 ая:1.5 яя:2 ое:1.5 ее:1 ые:2.5
ться:3 тся:3 ть:2 ость:2 ами:1.5 ями:2 ах:1 ях:1.5 ешь:2 ишь:2 ует:2 уют:2 ает:2 ают:2 ут:1 ют:1
ция:1 ию:1.5 ью:2 ём:2 ского:2.5 ской:2.5 ских:2.5 ский:2.5 ства:0.5 ение:1 ения:1 ении:1.5
ованы:2 ей:1.5 ем:0.5 ом:1 ит:1 ет:0.5 ана:0.5 ены:1.5 аны:1.5 лся:3 лась:3 лись:3 ы:1.5
`);

export const SERBIAN_ENDINGS = endings(`
ić:2 ića:2 iji:1.5 ije:1 ija:0.5 om:1 ama:1 ima:1 og:1.5 eg:1 oj:0.5 uju:2 ati:1 iti:1 eti:1
anje:1.5 enje:1 ao:2 io:1.5 skih:1.5 skim:1.5 skom:1.5 skog:2 ske:0.5 stva:1 nosti:1 ošću:2 ći:1.5
će:0.5 đu:1 šću:2 anju:1.5 enju:1.5 anja:1 enja:1 ju:1 ovati:1.5 ovao:2 ovala:1.5 isao:1.5
isala:1.5 iše:0.5 ajući:2 ujući:2 ući:1 nih:1.5 ih:1 an:0.5 ov:0.5 uje:1.5 eo:1.5 aka:0.5
`);

export const MACEDONIAN_ENDINGS = endings(`
от:2 ите:1.5 ата:1.5 ото:1.5 ето:1 ањето:2.5 ењето:2.5 вме:2.5 ваа:2.5 еа:1.5 аа:2 иот:2.5 ниот:2.5
скиот:3 ската:1 ските:1 аат:3 еат:2.5 уваат:3 ување:3 ува:2 ење:1 ија:0.5 ии:1 ол:1.5 ил:1.5 ел:1
ше:1.5 еше:2 аше:2 оа:2.5 ен:0.7 овите:2 ијата:2 ните:1 носта:2.5 ста:0.5 ќи:2 ќе:1 ваат:2 иле:1.5
але:1.5 еле:1.5 ле:0.5 ав:0.5 иве:1 ови:0.5 иец:1.5
`);

export const SERBIAN_LATIN_ENDINGS = endings(`
ićemo:2 aćemo:2 ićete:2 ićeš:2 aće:1 iće:1 eće:1
`);

export const ENGLISH_ENDINGS = endings(`
tion:2 tions:2 ing:1.5 ed:1 ly:1.5 ness:2 ment:1 ments:1.5 ers:1 ight:2 ough:2 ould:2 ies:1
ity:1.5 ful:1.5 less:1.5 ship:2 ward:1.5 'll:2 'd:1 's:1.5 n't:2
`);

/**
 * Every Serbian Latin word that transliteration must treat as Serbian even among foreign
 * names ("Google i Microsoft"). Built from the tables above.
 */
export const SERBIAN_LATIN_FUNCTION_WORDS: ReadonlySet<string> = new Set([...SOUTH_SLAVIC_WORDS, ...SERBIAN_ONLY_WORDS, ...SERBIAN_BOSNIAN_WORDS]);
