// Text encodings: detect (BOM, UTF-8 validity, then validity and character frequency among
// GB18030, Big5 and Shift_JIS), decode with TextDecoder (built into Node 20 and every browser;
// it knows gb18030/gbk, big5, shift_jis and utf-16 natively, so no library).
import { renderMessage, type Params } from '../messages/index.js';
import type { encoding as encodingMessages } from '../messages/en/encoding.js';

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030' | 'big5' | 'shift_jis' | 'windows-1252';

/** Catalogue codes of the encoding messages (messages/en/encoding.ts). */
export type EncodingCode = keyof typeof encodingMessages;

export interface DetectedEncoding {
  encoding: TextEncoding;
  /** bytes of byte-order mark at the start of the file */
  bom: number;
  /** how it was decided, for the report (the English text of `code`) */
  reason: string;
  /** catalogue code of the reason, and its params */
  code: EncodingCode;
  params: Params;
  /** UTF-8 whose sample has lines that are not UTF-8 but GB18030 (text pasted from another
   * export): read it with transcodeToUtf8(..., 'utf-8', ...), which decodes those lines as
   * GB18030 and records them */
  foreignLines: boolean;
}

/** Lines of a UTF-8 file that were not UTF-8 but GB18030, and were read as GB18030. */
export interface ForeignLines {
  encoding: 'gb18030';
  /** 1-based line numbers of the file, in order; at most MAX_FOREIGN_LINES kept */
  lines: number[];
  /** all such lines */
  count: number;
}

export const MAX_FOREIGN_LINES = 1000;

const ALIASES: Record<string, TextEncoding> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  'utf-8-sig': 'utf-8',
  'utf-16le': 'utf-16le',
  'utf-16': 'utf-16le',
  utf16le: 'utf-16le',
  'utf-16be': 'utf-16be',
  utf16be: 'utf-16be',
  gb18030: 'gb18030',
  gbk: 'gb18030', // GB18030 is a superset of GBK and GB2312: one decoder reads all three
  gb2312: 'gb18030',
  cp936: 'gb18030',
  big5: 'big5', // the WHATWG decoder is Big5-HKSCS, a superset of Windows' cp950
  cp950: 'big5',
  'big5-hkscs': 'big5',
  shift_jis: 'shift_jis', // the WHATWG decoder is Windows' cp932 (with the NEC/IBM extensions)
  'shift-jis': 'shift_jis',
  sjis: 'shift_jis',
  cp932: 'shift_jis',
  'windows-31j': 'shift_jis',
  ms932: 'shift_jis',
  'windows-1252': 'windows-1252',
  latin1: 'windows-1252',
  'iso-8859-1': 'windows-1252',
  cp1252: 'windows-1252'
};

/** Normalises a user-given encoding name; null when unknown. */
export function normaliseEncoding(name: string): TextEncoding | null {
  return ALIASES[name.trim().toLowerCase()] ?? null;
}

export const KNOWN_ENCODINGS = Object.keys(ALIASES);

/** How an encoding is named in messages. */
export const ENCODING_NAME: Record<TextEncoding, string> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16 LE',
  'utf-16be': 'UTF-16 BE',
  gb18030: 'GB18030',
  big5: 'Big5',
  shift_jis: 'Shift_JIS',
  'windows-1252': 'Windows-1252'
};

function decodes(bytes: Uint8Array, label: string): boolean {
  return decodeStrict(bytes, label, true) !== null;
}

/** The text, or null when the bytes are not valid in `label`. `stream` tolerates a multi-byte
 * character cut off at the end (of a sample). */
function decodeStrict(bytes: Uint8Array, label: string, stream = false): string | null {
  try {
    return new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(bytes, { stream });
  } catch {
    return null;
  }
}

function detected(encoding: TextEncoding, bom: number, code: EncodingCode, params: Params = {}, foreignLines = false): DetectedEncoding {
  return { encoding, bom, reason: renderMessage(code, params).message, code, params, foreignLines };
}

/** Detects the encoding of a file from its first bytes. */
export function detectEncoding(head: Uint8Array): DetectedEncoding {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return detected('utf-8', 3, 'encoding.bom', { name: 'UTF-8' });
  if (head[0] === 0xff && head[1] === 0xfe) return detected('utf-16le', 2, 'encoding.bom', { name: 'UTF-16 LE' });
  if (head[0] === 0xfe && head[1] === 0xff) return detected('utf-16be', 2, 'encoding.bom', { name: 'UTF-16 BE' });
  // UTF-16 without a BOM: ASCII text has a NUL in every other byte.
  const n = Math.min(head.length, 4096) & ~1;
  if (n >= 4) {
    let evenNul = 0;
    let oddNul = 0;
    for (let i = 0; i < n; i += 2) {
      if (head[i] === 0) evenNul++;
      if (head[i + 1] === 0) oddNul++;
    }
    const pairs = n / 2;
    if (oddNul > pairs * 0.4 && evenNul < pairs * 0.05) return detected('utf-16le', 0, 'encoding.utf16_pattern', { name: 'UTF-16 LE' });
    if (evenNul > pairs * 0.4 && oddNul < pairs * 0.05) return detected('utf-16be', 0, 'encoding.utf16_pattern', { name: 'UTF-16 BE' });
  }
  if (decodes(head, 'utf-8')) return detected('utf-8', 0, 'encoding.utf8');
  // Mostly UTF-8 with a few lines that are not: lines pasted from a GB18030 export (read as
  // GB18030, line by line), or damaged lines (which the load then reports).
  const lines = classifyLines(head);
  if (lines.utf8 >= lines.foreign + lines.bad) {
    if (lines.foreign > 0) return detected('utf-8', 0, 'encoding.utf8_foreign_lines', { count: lines.foreign, first: lines.firstForeign }, true);
    return detected('utf-8', 0, 'encoding.utf8_bad_lines', { count: lines.bad, first: lines.firstBad });
  }
  return detectLegacy(head);
}

// ---- GB18030, Big5, Shift_JIS or Windows-1252: validity, then character frequency ----------

/** Frequent characters of each script (general text, then the words of business exports:
 * headers such as 客户/订单/金额/日期, common surnames and cities). A wrong decoding of CJK
 * bytes gives characters at random from thousands; the right one mostly hits these. */
const SIMPLIFIED =
  '的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自之年过发后作里用道行所然家种事成方多经么去法学如都同现当没动面起看定天分还进好小部其些主样理心她本前开但因只从想实日军者意无力它与长把机十民第公此已工使情明性知全三又关点正业外将两高间由问很最重并物手应战向头文体政美相见被利什二等产或新己制身果加西斯月话合回特代内信表化老给世位次度门任常先海通教儿原东声提立及比员解水名真论处走义各入几口认条平系气题活尔更别打女变四神总何电数安少报才结反受目太量再感建务做接必场件计管期市直德资命山金指克许统区保至队形社便空决治展马科司五基眼书非则听白却界达光放强即像难且权思王象完设式色路记南品住告类求据程北边死张该交规万取拉格望觉术领共确传师观清今切院让识候带导争运笑飞风步改收根干造言联持组每济车亲极林服快办议往元英士证近失转夫令准布始怎呢存未远叫台单影具罗字爱击流备兵连调深商算质团集百需价花党华城石级整府离况亚请技际约示复病息究线似官火断精满支视消越器容照须九增研写称企八功吗包片史委乎查轻易早曾除农找装广显吧阿李标谈吃图念六引历首医局突专费号尽另周较注语仅考落青随选列武红响虽推势参希古众构房半节土投某案黑维革划敌致陈律足态护七兴派孩验责营星够章音跟志底站严巴例防族供效续施留讲型料终答紧黄绝奇察母京段依批群项故按河米围江织害斗双境客纪采举杀攻父苏密低朝友诉止细愿千值仍男钱破网热助倒育属坐帝限船脸职速刻乐否刚威毛状率甚独球般普怕弹校苦创假久错承印晚兰试股拿脑预谁益阳若哪微尼继送急血惊伤素药适波夜省初喜卫源食险待述陆习置居劳财环排福纳欢雷警获模充负云停木游龙树疑层冷洲冲射略范竟句室异激汉村哈策演简卡罪判担州静退既衣您宗积余痛检差富灵协角占配征修皮挥胜降阶审沉坚善妈刘读啊超免压银买皇养伊怀执副乱抗犯追帮宣佛岁航优怪香著田铁控税左右份穿艺背阵草脚概恶块顿敢守酒岛托央户烈洋哥索胡款靠评版宝座释景顾弟登货互付伯慢欧换闻危忙核暗姐介坏讨丽良序升监临亮露永呼味野架域沙掉括舰鱼杂误湾吉减编楚肯测败屋跑梦散温困剑渐封救贵枪缺楼县尚毫移娘朋画班智亦耳恩短掌恐遗固席松秘谢鲁遇康虑幸均销钟诗藏赶剧票损忽巨旧端探湖录叶春乡附吸予礼港雨板庭妇归饭额含顺输招婚脱补督油疗旅泽材逐笔词择寻厂博烟授诺岸卖载健堂旁宫借君园宋避荣姑孙逃牙跳顶玉镇雪午练迫篇肉馆遍凡础洞卷牛宁纸训私庄祖丝翻森塔握戏熟访弱蒙歌店软典欲盘扩盖弄雄稳忘亿拥杨齐赛趣曲床迎冰虚玩析窗妻透购替休虎扬途绿兄迅套贸毕唯谷轮库迹街促延震弃甲伟麻川申缓售灯针络抵朱抱植纯夏页杰筑折郑贝尊吴秀混雅振染盛舞圆梅末悲拍丁赵硬麦蒋阻订溪蓝' +
  '客户订单金额日期有限公司号码编号名称数量单价价格合计总计地址电话省市区县镇街道姓名性别男女会员商品类别支付实付应付销售退款换货时间状态备注折扣优惠积分手机邮箱年龄生日渠道门店网店发货收货物流快递已未完成取消待付款元人民币北京上海广州深圳杭州南京成都重庆武汉西安天津苏州长沙郑州沈阳青岛厦门福州济南哈尔滨昆明合肥王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';

const TRADITIONAL =
  '的一是不了在人有我他這個們中來上大為和國地到以說時要就出會可也你對生能而子那得於著下自之年過發後作裡用道行所然家種事成方多經麼去法學如都同現當沒動面起看定天分還進好小部其些主樣理心她本前開但因只從想實日軍者意無力它與長把機十民第公此已工使情明性知全三又關點正業外將兩高間由問很最重並物手應戰向頭文體政美相見被利什二等產或新己制身果加西斯月話合回特代內信表化老給世位次度門任常先海通教兒原東聲提立及比員解水名真論處走義各入幾口認條平系氣題活爾更別打女變四神總何電數安少報才結反受目太量再感建務做接必場件計管期市直德資命山金指克許統區保至隊形社便空決治展馬科司五基眼書非則聽白卻界達光放強即像難且權思王象完設式色路記南品住告類求據程北邊死張該交規萬取拉格望覺術領共確傳師觀清今切院讓識候帶導爭運笑飛風步改收根乾造言聯持組每濟車親極林服快辦議往元英士證近失轉夫令準布始怎呢存未遠叫台單影具羅字愛擊流備兵連調深商算質團集百需價花黨華城石級整府離況亞請技際約示復病息究線似官火斷精滿支視消越器容照須九增研寫稱企八功嗎包片史委乎查輕易早曾除農找裝廣顯吧阿李標談吃圖念六引歷首醫局突專費號盡另周較注語僅考落青隨選列武紅響雖推勢參希古眾構房半節土投某案黑維革劃敵致陳律足態護七興派孩驗責營星夠章音跟志底站嚴巴例防族供效續施留講型料終答緊黃絕奇察母京段依批群項故按河米圍江織害鬥雙境客紀採舉殺攻父蘇密低朝友訴止細願千值仍男錢破網熱助倒育屬坐帝限船臉職速刻樂否剛威毛狀率甚獨球般普怕彈校苦創假久錯承印晚蘭試股拿腦預誰益陽若哪微尼繼送急血驚傷素藥適波夜省初喜衛源食險待述陸習置居勞財環排福納歡雷警獲模充負雲停木遊龍樹疑層冷洲衝射略範竟句室異激漢村哈策演簡卡罪判擔州靜退既衣您宗積餘痛檢差富靈協角佔配徵修皮揮勝降階審沉堅善媽劉讀啊超免壓銀買皇養伊懷執副亂抗犯追幫宣佛歲航優怪香田鐵控稅左右份穿藝背陣草腳概惡塊頓敢守酒島託央戶烈洋哥索胡款靠評版寶座釋景顧弟登貨互付伯慢歐換聞危忙核暗姐介壞討麗良序升監臨亮露永呼味野架域沙掉括艦魚雜誤灣吉減編楚肯測敗屋跑夢散溫困劍漸封救貴槍缺樓縣尚毫移娘朋畫班智亦耳恩短掌恐遺固席松秘謝魯遇康慮幸均銷鐘詩藏趕劇票損忽巨舊端探湖錄葉春鄉附吸予禮港雨板庭婦歸飯額含順輸招婚脫補督油療旅澤材逐筆詞擇尋廠博煙授諾岸賣載健堂旁宮借君園宋避榮姑孫逃牙跳頂玉鎮雪午練迫篇肉館遍凡礎洞卷牛寧紙訓私莊祖絲翻森塔握戲熟訪弱蒙歌店軟典欲盤擴蓋弄雄穩忘億擁楊齊賽趣曲床迎冰虛玩析窗妻透購替休虎揚途綠兄迅套貿畢唯谷輪庫跡街促延震棄甲偉麻川申緩售燈針絡抵朱抱植純夏頁傑築折鄭貝尊吳秀混雅振染盛舞圓梅末悲拍丁趙硬麥蔣阻訂溪藍' +
  '客戶訂單金額日期有限公司股份號碼編號名稱數量單價價格合計總計地址電話縣市區鄉鎮路街段巷弄樓號姓名性別男女會員商品類別付款實付應付銷售退款換貨時間狀態備註折扣優惠點數手機信箱年齡生日通路門市網購出貨收貨物流宅配已未完成取消新台幣元臺台北新竹桃園臺中台中臺南台南高雄基隆嘉義屏東宜蘭花蓮香港九龍澳門陳林黃張李王吳劉蔡楊許鄭謝郭洪曾邱廖賴周徐蘇葉莊呂江何蕭羅高潘簡朱鍾彭游詹胡施沈余盧梁趙顏柯翁魏孫戴范方宋鄧杜傅侯曹薛丁卓馬阮董唐温藍蔣石古紀姚連馮歐程湯黎';

const KANJI =
  '日一国会人年大十二本中長出三同時政事自行社見月分議後前民生連五発間対上部東者党地合市業内相方四定今回新場金員九入選立開手米力学問高代明実円関決子動京全目表戦経通外最言氏現理調体化田当八六約主題下首意法不来作性的要用制治度務強気小七成期公持野協取都和統以機平総加山思家話世受区領多県続進正安設保改数記院女初北午指権心界支第産結百派点教報済書府活原先共得解名交資予川向際査勝面委告軍文反元重近千考判認画海参売利組知案道信策集在件団別物側任引使求所次水半品昨論計死官増係感特情投示変打男基私各始島直両朝革価式確村提運終挙果西勢減台広容必応演電歳住争談能無再位置企真流格有疑口過局少放税検藤町常校料沢裁状工建語球営空職証土与急止送援供可役構木割聞身費付施切由説転食比難防補車優夫研収断井何南石足違消境神番規術護展態導鮮備宅害配副算視条幹独警宮究育席輸訪楽起万着乗店述残想線率病農州武声質念待試族象銀域助労例衛然早張映限親額監環験追審商葉義伝働形景落欧担好退準賞訴辺造英被株頭技低毎医復仕去姿味負閣韓渡失移差衆個門写評課末守若脳極種美岡影命含福蔵量望松非撃佐核観察整段横融型白深字答夜製票況音申様財港識注呼渉達良響阪帰針専推範' +
  '顧客注文金額日付番号合計総額会員商品数量単価価格税込税抜小計送料支払方法決済氏名性別年齢生年月日郵便住所電話携帯株式会社有限様御中都道府県市区町村丁目番地東京大阪名古屋横浜京都神戸福岡札幌仙台広島埼玉千葉愛知兵庫北海道沖縄購入売上請求発送配送返品交換完了取消未済備考区分種類店舗担当佐藤鈴木高橋田中伊藤渡辺山本中村小林加藤吉田山田佐々木山口松本井上木村清水斎藤林池田橋本阿部石川前田藤田後藤岡田長谷川近藤村上遠藤青木坂本太郎花子子美';

const codes = (chars: string): Set<number> => new Set([...chars].map((ch) => ch.codePointAt(0)!));
const COMMON: Record<'gb18030' | 'big5' | 'shift_jis', Set<number>> = {
  gb18030: codes(SIMPLIFIED),
  big5: codes(TRADITIONAL),
  shift_jis: codes(KANJI)
};

type Cjk = 'gb18030' | 'big5' | 'shift_jis';

/** Characters that say nothing about the script: CJK and full-width punctuation, full-width
 * ASCII, general punctuation (all three encodings have them, at different codes). */
function neutral(c: number): boolean {
  return (c >= 0x3000 && c <= 0x303f) || (c >= 0xff01 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6) || (c >= 0x2010 && c <= 0x206f) || c === 0xb7;
}

/** Characters a wrong decoding of CJK bytes gives and CJK business text hardly has: Latin
 * extensions and IPA, Greek, Cyrillic, box drawing. */
function odd(c: number): boolean {
  return (c >= 0x100 && c <= 0x2af) || (c >= 0x370 && c <= 0x4ff) || (c >= 0x2500 && c <= 0x257f);
}

interface Score {
  /** evidence for the encoding: frequent characters plus codes in its main area */
  hits: number;
  /** frequent-character share plus main-area share, from -4 to 2 */
  value: number;
}

/** Characters and bytes looked at (the frequency settles long before; validity is checked on
 * the whole sample). */
const SCORE_CHARS = 20_000;
const SCORE_BYTES = 64 << 10;

/**
 * How much the decoding of `bytes` as `script` (`text`) looks like real text of that script,
 * from two signals that a wrong decoding fails both ways:
 * - characters: the share among the script's frequent ones (kana count for Japanese);
 *   private-use characters and C1 controls (a wrong decoding of user-defined rows) count
 *   heavily against, odd() ones somewhat;
 * - bytes: the share of two-byte codes in the encoding's main area (GB2312's hanzi, Big5's
 *   level-1 hanzi, Shift_JIS's kana and level-1 kanji), where nearly all characters of real
 *   text are; symbol rows say nothing.
 */
function scoreCjk(text: string, bytes: Uint8Array, script: Cjk): Score {
  const common = COMMON[script];
  let freq = 0;
  let chars = 0;
  const last = Math.min(text.length, SCORE_CHARS);
  for (let i = 0; i < last; i++) {
    let c = text.charCodeAt(i);
    if (c < 0x80) continue;
    if (c >= 0xd800 && c <= 0xdbff) c = text.codePointAt(i++)!;
    if (neutral(c)) continue;
    chars++;
    if (c < 0xa0 || (c >= 0xe000 && c <= 0xf8ff) || c === 0xfffd) freq -= 4;
    else if (odd(c)) freq -= 1;
    else if (common.has(c) || (script === 'shift_jis' && c >= 0x3041 && c <= 0x30ff)) freq++;
  }
  let main = 0;
  let other = 0;
  const end = Math.min(bytes.length, SCORE_BYTES);
  for (let i = 0; i < end; ) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const t = bytes[i + 1] ?? 0;
    if (script === 'gb18030') {
      if (t >= 0x30 && t <= 0x39) {
        other++;
        i += 4;
        continue;
      }
      if (b >= 0xb0 && b <= 0xf7 && t >= 0xa1) main++;
      else if (b < 0xa1 || b > 0xa9 || t < 0xa1) other++;
    } else if (script === 'big5') {
      if ((b >= 0xa4 && b <= 0xc5) || (b === 0xc6 && t <= 0x7e)) main++;
      else if (b < 0xa1 || b > 0xa3) other++;
    } else {
      if (b >= 0xa1 && b <= 0xdf) {
        other++; // half-width katakana: rare in real text, common in wrong decodings
        i++;
        continue;
      }
      if (b === 0x82 || b === 0x83 || (b >= 0x88 && b <= 0x97) || (b === 0x98 && t <= 0x72)) main++;
      else if (b !== 0x81) other++;
    }
    i += 2;
  }
  const value = (chars ? freq / chars : 0) + (main + other ? main / (main + other) : 0);
  return { hits: freq + main, value };
}

function asciiLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a); // (NaN outside the text: false)
}

const LATIN_EXTRA = new Set([0x160, 0x161, 0x152, 0x153, 0x17d, 0x17e, 0x178, 0x192]);
/** Windows-1252's letters above ASCII: À-ÿ but × and ÷, and Š š Œ œ Ž ž Ÿ ƒ. */
function latinLetter(c: number): boolean {
  return (c >= 0xc0 && c <= 0xff && c !== 0xd7 && c !== 0xf7) || LATIN_EXTRA.has(c);
}

/** How much the Windows-1252 reading looks like Western text (the share of its characters
 * above ASCII that are accented letters next to an ASCII letter, as in "Müller" or "café", or
 * currency and typographic signs). CJK bytes read this way give runs of accented letters and
 * signs between other such bytes instead. */
function scoreLatin(bytes: Uint8Array): number {
  const text = new TextDecoder('windows-1252').decode(bytes.subarray(0, SCORE_BYTES));
  let hits = 0;
  let chars = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    chars++;
    if (latinLetter(c)) {
      if (asciiLetter(text.charCodeAt(i - 1)) || asciiLetter(text.charCodeAt(i + 1))) hits++;
    } else if (c < 0xa0) hits -= 4; // the five bytes Windows-1252 leaves undefined
    else if ('£€¥©®°±µ¼½¾–—‘’“”•…™§'.includes(text[i]!)) hits += 0.5;
  }
  return chars ? hits / chars : 0;
}

/** A challenger replaces the encoding chosen so far only with a clear lead in both the score
 * and the amount of evidence, so a short sample (a header and a row or two) keeps the earlier
 * candidate: GB18030, then Big5, then Shift_JIS. */
function beats(a: Score, b: Score): boolean {
  return a.hits >= b.hits + 2 && a.value > b.value + 0.3;
}

const LEGACY_CODE = { gb18030: 'encoding.gb18030', big5: 'encoding.big5', shift_jis: 'encoding.shift_jis' } as const;

function detectLegacy(head: Uint8Array): DetectedEncoding {
  let best: { encoding: Cjk; score: Score } | null = null;
  for (const encoding of ['gb18030', 'big5', 'shift_jis'] as const) {
    const text = decodeStrict(head, encoding, true);
    if (text === null) continue;
    const score = scoreCjk(text, head, encoding);
    if (!best || beats(score, best.score)) best = { encoding, score };
  }
  // Western text whose accented letters happen to pair up as valid CJK codes ("Müller" is
  // valid GB18030) reads as rare characters there: Windows-1252 is then the better reading.
  const latin = scoreLatin(head);
  if (best && !(latin >= 0.5 && best.score.value < 0.6)) return detected(best.encoding, 0, LEGACY_CODE[best.encoding]);
  return detected('windows-1252', 0, 'encoding.windows_1252');
}

// ---- UTF-8 with lines in GB18030 ----------------------------------------------------------

/** Index of the first byte of `bytes` in [from, to) that starts an invalid or cut-off UTF-8
 * sequence, or -1 (the ranges of the WHATWG decoder: no overlongs, surrogates or > U+10FFFF). */
export function utf8ErrorAt(bytes: Uint8Array, from = 0, to = bytes.length): number {
  let i = from;
  while (i < to) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      else if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      else if (b === 0xf4) hi = 0x8f;
    } else return i;
    if (i + need >= to) return i;
    const b1 = bytes[i + 1]!;
    if (b1 < lo || b1 > hi) return i;
    for (let k = 2; k <= need; k++) {
      const bk = bytes[i + k]!;
      if (bk < 0x80 || bk > 0xbf) return i;
    }
    i += need + 1;
  }
  return -1;
}

/** Whether GB18030 bytes look like Chinese text rather than other bytes that happen to be
 * valid GB18030: Latin-1 ("ü" + "l"), or UTF-8, which is nearly always valid GB18030 read two
 * bytes at a time (a line with UTF-8 cells and a GB18030 cell, or cut inside a character). So:
 * at least half of the two-byte codes are in GB2312's rows (symbols and the 6,763 common hanzi:
 * both bytes 0xA1-0xFE, lead up to 0xF7), and well-formed UTF-8 sequences of three or four
 * bytes (which GB18030 text rarely contains by chance) are far fewer than those. */
export function looksLikeGb(bytes: Uint8Array): boolean {
  let core = 0;
  let other = 0;
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const t = bytes[i + 1] ?? 0;
    if (t >= 0x30 && t <= 0x39) {
      other++; // four-byte code
      i += 4;
    } else {
      if (b >= 0xa1 && b <= 0xf7 && t >= 0xa1 && t <= 0xfe) core++;
      else other++;
      i += 2;
    }
  }
  if (core === 0 || core < other) return false;
  let utf8 = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b < 0xe0 || b > 0xf4) continue;
    const len = b >= 0xf0 ? 4 : 3;
    if (i + len <= bytes.length && utf8ErrorAt(bytes, i, i + len) < 0) {
      utf8++;
      i += len - 1;
    }
  }
  return utf8 * 4 < core;
}

// (fatal decoders used for whole calls only, never streaming, so an error leaves no state)
const GB_FATAL = new TextDecoder('gb18030', { fatal: true, ignoreBOM: true });
const LINE_FATAL = { big5: new TextDecoder('big5', { fatal: true }), shift_jis: new TextDecoder('shift_jis', { fatal: true }) };

/** One line that is not UTF-8 as GB18030, when it is valid and looks like it; else null. A
 * line that reads clearly better as Big5 or Shift_JIS (also valid GB18030, as most Big5 is) is
 * not guessed at either: it keeps its bad bytes, which the load reports. */
function gbLine(line: Uint8Array): string | null {
  if (!looksLikeGb(line)) return null;
  let text: string;
  try {
    text = GB_FATAL.decode(line);
  } catch {
    return null;
  }
  const gb = scoreCjk(text, line, 'gb18030');
  // (most GB18030 lines are plainly so: frequent characters in GB2312's hanzi rows)
  if (gb.value >= 1.3) return text;
  for (const other of ['big5', 'shift_jis'] as const) {
    let alt: string;
    try {
      alt = LINE_FATAL[other].decode(line);
    } catch {
      continue;
    }
    if (scoreCjk(alt, line, other).value > gb.value + 0.3) return null;
  }
  return text;
}

// Lines end at \n, \r\n or a lone \r (as the text reader counts them).

/** Index just after the line end at or after `at` (or the end of the bytes). */
function lineEnd(bytes: Uint8Array, at: number): number {
  for (let i = at; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === 0x0a) return i + 1;
    if (b === 0x0d) return bytes[i + 1] === 0x0a ? i + 2 : i + 1;
  }
  return bytes.length;
}

/** Index where the line holding byte `at` starts (not before `from`). */
function lineStart(bytes: Uint8Array, at: number, from: number): number {
  for (let i = at - 1; i >= from; i--) if (bytes[i] === 0x0a || bytes[i] === 0x0d) return i + 1;
  return from;
}

/** Line ends in bytes [from, to), which ends at a line end. */
function lineEnds(bytes: Uint8Array, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (bytes[i] === 0x0a || (bytes[i] === 0x0d && bytes[i + 1] !== 0x0a)) n++;
  return n;
}

/** Index just after the last line end of `bytes` that is surely complete (a \r as the last
 * byte may be the first half of \r\n), or 0. */
export function lastLineEnd(bytes: Uint8Array): number {
  if (bytes[bytes.length - 1] === 0x0a) return bytes.length;
  for (let i = bytes.length - 2; i >= 0; i--) {
    const b = bytes[i];
    if (b === 0x0a) return i + 1;
    if (b === 0x0d) return bytes[i + 1] === 0x0a ? i + 2 : i + 1;
  }
  return 0;
}

interface LineCounts {
  /** lines with non-ASCII text that are valid UTF-8, weighed: 1 for a line with a character of
   * three or four bytes (CJK, kana, €), 1/2 for one with two-byte characters only (which a
   * GB18030 line can be by chance: "联通" is also valid UTF-8) */
  utf8: number;
  /** lines that are not UTF-8 but GB18030 */
  foreign: number;
  /** lines valid in neither */
  bad: number;
  firstForeign: number;
  firstBad: number;
}

/** Sorts the lines of a sample that is not valid UTF-8 as a whole (the last line may be cut
 * off: a character cut at its end does not count against it). The lines that are not UTF-8
 * are tried as GB18030 only when they are no more than those that are (the mixed case). */
function classifyLines(head: Uint8Array): LineCounts {
  const c: LineCounts = { utf8: 0, foreign: 0, bad: 0, firstForeign: 0, firstBad: 0 };
  const invalid: [number, number, number][] = [];
  let line = 0;
  for (let start = 0; start < head.length; ) {
    line++;
    const end = lineEnd(head, start);
    let ascii = true;
    for (let i = start; i < end; i++)
      if (head[i]! >= 0x80) {
        ascii = false;
        break;
      }
    if (!ascii) {
      const seg = head.subarray(start, end);
      if (end === head.length ? decodes(seg, 'utf-8') : utf8ErrorAt(seg) < 0) c.utf8 += seg.some((b) => b >= 0xe0) ? 1 : 0.5;
      else invalid.push([line, start, end]);
    }
    start = end;
  }
  if (c.utf8 < invalid.length) return { ...c, bad: invalid.length };
  for (const [no, start, end] of invalid) {
    if (gbLine(head.subarray(start, end)) !== null) {
      if (c.foreign++ === 0) c.firstForeign = no;
    } else if (c.bad++ === 0) c.firstBad = no;
  }
  return c;
}

const UTF8_LENIENT = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

/** An empty record of foreign lines. */
export function noForeignLines(): ForeignLines {
  return { encoding: 'gb18030', lines: [], count: 0 };
}

/** Decodes whole lines of UTF-8 (`bytes` ends at a line end, or at the end of the file),
 * `firstLine` being the 1-based line number of its first line. Valid UTF-8 is decoded in one
 * call; a line that is not UTF-8 but GB18030 is decoded as GB18030 and recorded in `foreign`;
 * a line valid in neither keeps U+FFFD for its bad bytes. */
/** `bad`, when given, receives the 1-based numbers of the lines that are neither UTF-8 nor
 * GB18030 (decoded with U+FFFD for their bad bytes) and the count of those U+FFFD (`badOut`). */
export function decodeUtf8Lines(bytes: Uint8Array, firstLine: number, foreign: ForeignLines, badOut?: { lines: number[]; chars: number }): string {
  try {
    // the common case: clean UTF-8 in one call (Node decodes a stream faster than a whole;
    // the flush throws on a character cut off at the end)
    const d = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
    const text = d.decode(bytes, { stream: true });
    d.decode();
    return text;
  } catch {
    // found below, line by line
  }
  const parts: string[] = [];
  let line = firstLine;
  let pos = 0;
  while (pos < bytes.length) {
    const bad = utf8ErrorAt(bytes, pos);
    if (bad < 0) {
      parts.push(UTF8_LENIENT.decode(bytes.subarray(pos)));
      break;
    }
    const start = lineStart(bytes, bad, pos);
    const end = lineEnd(bytes, bad);
    if (start > pos) {
      parts.push(UTF8_LENIENT.decode(bytes.subarray(pos, start)));
      line += lineEnds(bytes, pos, start);
    }
    const seg = bytes.subarray(start, end);
    const gb = gbLine(seg);
    if (gb !== null) {
      if (foreign.lines.length < MAX_FOREIGN_LINES) foreign.lines.push(line);
      foreign.count++;
      parts.push(gb);
    } else {
      const text = UTF8_LENIENT.decode(seg);
      if (badOut) {
        badOut.lines.push(line);
        for (let i = text.indexOf('\uFFFD'); i >= 0; i = text.indexOf('\uFFFD', i + 1)) badOut.chars++;
      }
      parts.push(text);
    }
    line++;
    pos = end;
  }
  return parts.join('');
}

/** Decodes bytes (without BOM) to text; counts characters that could not be decoded. UTF-8
 * lines that are GB18030 are read as such and recorded in `foreign` (null for other encodings
 * or when there are none). */
export function decodeText(bytes: Uint8Array, encoding: TextEncoding): { text: string; replaced: number; firstBadLine: number | null; foreign: ForeignLines | null } {
  const record = noForeignLines();
  const text = encoding === 'utf-8' ? decodeUtf8Lines(bytes, 1, record) : new TextDecoder(encoding, { fatal: false, ignoreBOM: false }).decode(bytes);
  let replaced = 0;
  let firstBad = -1;
  for (let i = text.indexOf('\uFFFD'); i >= 0; i = text.indexOf('\uFFFD', i + 1)) {
    if (firstBad < 0) firstBad = i;
    replaced++;
  }
  let firstBadLine: number | null = null;
  if (firstBad >= 0) {
    firstBadLine = 1;
    for (let i = text.indexOf('\n'); i >= 0 && i < firstBad; i = text.indexOf('\n', i + 1)) firstBadLine++;
  }
  return { text, replaced, firstBadLine, foreign: record.count > 0 ? record : null };
}

/** Position of the first byte that marks the data as binary (NUL or a control character
 * outside text), or -1. Only meaningful for 8-bit encodings (not UTF-16). */
export function binaryOffset(head: Uint8Array): number {
  let controls = 0;
  for (let i = 0; i < head.length; i++) {
    const b = head[i]!;
    if (b === 0) return i;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) {
      controls++;
      if (controls > 8 || controls > head.length / 100) return i;
    }
  }
  return -1;
}
