// Word lists the generators draw from. Email domains are reserved example domains (RFC 2606), so no
// generated address can belong to a real person.
export const FIRST_NAMES = [
  'maria', 'james', 'sofia', 'lukas', 'emma', 'noah', 'olivia', 'liam', 'mia', 'elias', 'chloe', 'hugo',
  'lea', 'mateo', 'anna', 'leon', 'julia', 'paul', 'clara', 'jonas', 'lucia', 'finn', 'alice', 'david',
  'sara', 'tom', 'ines', 'marco', 'nina', 'pierre', 'eva', 'omar', 'hana', 'ivan', 'zoe', 'amir',
];

export const LAST_NAMES = [
  'garcia', 'smith', 'muller', 'rossi', 'dubois', 'jansen', 'kowalski', 'silva', 'martin', 'schmidt',
  'brown', 'bernard', 'fischer', 'romano', 'novak', 'lopez', 'weber', 'moreau', 'visser', 'taylor',
  'nielsen', 'costa', 'wagner', 'ricci', 'horvat', 'fernandez', 'becker', 'laurent', 'dekker', 'wilson',
];

export const EMAIL_DOMAINS = ['example.com', 'example.org', 'example.net', 'mail.example', 'post.example'];

export const COUPON_CODES = ['SPRING10', 'WELCOME5', 'FREESHIP', 'VIP20', 'BUNDLE15', 'LOYAL10'];

/** Product vocabulary per category; the categories mirror the Kaggle set's Mnt* spending columns. */
export const CATALOGUE: Record<string, { sub: string[]; words: string[]; brands: string[]; unit: string[] }> = {
  Wines: {
    sub: ['Red', 'White', 'Rosé', 'Sparkling', 'Dessert'],
    words: ['Rioja Reserva', 'Chianti Classico', 'Bordeaux Supérieur', 'Riesling Kabinett', 'Sancerre', 'Primitivo', 'Cava Brut', 'Grüner Veltliner', 'Malbec', 'Pinot Noir', 'Vinho Verde', 'Tokaji'],
    brands: ['Bodegas Lúa', 'Castello Alto', 'Domaine Vert', 'Weingut Stein', 'Quinta do Rio', 'Cave Lune'],
    unit: ['0.75 l', '1.5 l', '0.375 l'],
  },
  Fruits: {
    sub: ['Fresh', 'Dried', 'Exotic'],
    words: ['Braeburn Apples', 'Blood Oranges', 'Medjool Dates', 'Blueberries', 'Mango', 'Dried Apricots', 'Pears Williams', 'Figs', 'Kiwi Gold', 'Cherries'],
    brands: ['Orchard & Co', 'Sunfield', 'Green Valley', 'Terra Fresca'],
    unit: ['500 g', '1 kg', '250 g'],
  },
  Meat: {
    sub: ['Beef', 'Pork', 'Poultry', 'Charcuterie'],
    words: ['Ribeye Steak', 'Iberico Ham', 'Chicken Breast', 'Lamb Rack', 'Salami Milano', 'Pork Belly', 'Duck Confit', 'Veal Escalope', 'Bresaola'],
    brands: ['Hofmetzgerei', 'Prime Cuts', 'La Dehesa', 'Butcher Row'],
    unit: ['200 g', '500 g', '1 kg'],
  },
  Fish: {
    sub: ['Fresh', 'Smoked', 'Canned', 'Shellfish'],
    words: ['Atlantic Salmon', 'Smoked Trout', 'Sardines in Olive Oil', 'Tuna Steak', 'King Prawns', 'Cod Loin', 'Mussels', 'Anchovies'],
    brands: ['North Sea Catch', 'Porto Mar', 'Fjord Fisk', 'Blue Harbour'],
    unit: ['200 g', '400 g', '1 kg'],
  },
  Sweets: {
    sub: ['Chocolate', 'Pastry', 'Confectionery'],
    words: ['Dark Chocolate 72%', 'Pralines', 'Nougat', 'Macarons', 'Stroopwafels', 'Turrón', 'Marzipan', 'Salted Caramels'],
    brands: ['Maison Cacao', 'Sweet Lab', 'Confiserie Bern', 'Dulce Vida'],
    unit: ['100 g', '250 g', '500 g'],
  },
  Gold: {
    sub: ['Jewellery', 'Gifts', 'Premium'],
    words: ['Gold Hoop Earrings', 'Engraved Pendant', 'Gift Hamper Deluxe', 'Truffle Selection', 'Signet Ring', 'Caviar Tin', 'Cufflinks'],
    brands: ['Aurum', 'Goldsmith & Sons', 'Luxe Atelier'],
    unit: ['1 pc', 'set of 2', 'gift box'],
  },
};

export const REVIEW_PHRASES = {
  good: ['Arrived quickly and well packed', 'Excellent quality, would buy again', 'Tastes just like the one we had on holiday', 'Great value for money', 'My family loved it'],
  mixed: ['Good, but a bit pricey', 'Decent quality, packaging could be better', 'Not bad, though smaller than expected', 'Fine for everyday use'],
  bad: ['Arrived damaged', 'Not what the description promised', 'Went off two days after delivery', 'Would not order again', 'Customer service never answered'],
};

export const REVIEW_TITLES = {
  good: ['Love it', 'Excellent', 'Five stars', 'Will reorder', 'Perfect gift'],
  mixed: ['Okay', 'Could be better', 'Mixed feelings', 'Average'],
  bad: ['Disappointed', 'Do not buy', 'Poor quality', 'Never again'],
};
